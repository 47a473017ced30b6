# Management decisions and effectiveness conclusions move from JSON lists on the track to rows
# of their own (editable one at a time); the stored lists are copied over, both ways.

import datetime

import django.db.models.deletion
from django.db import migrations, models


def lists_to_rows(apps, schema_editor):
    TrackCycle = apps.get_model("cycle", "TrackCycle")
    Decision = apps.get_model("cycle", "Decision")
    Conclusion = apps.get_model("cycle", "EffectivenessConclusion")
    decisions, conclusions = [], []
    for track in TrackCycle.objects.all():
        for position, item in enumerate(track.decisions or []):
            date = item.get("date")
            decisions.append(Decision(
                track=track, position=position, kind=item.get("kind") or "order",
                number=str(item.get("number") or ""), title=item.get("title") or "",
                date=datetime.date.fromisoformat(date) if date else None,
            ))
        for position, item in enumerate(track.effectiveness or []):
            conclusions.append(Conclusion(
                track=track, position=position, measure_number=str(item["measure_number"]),
                dates=item.get("dates") or "", done=item.get("done") or "",
                conclusion=item.get("conclusion") or "", effective=item.get("effective") or "",
            ))
    Decision.objects.bulk_create(decisions)
    Conclusion.objects.bulk_create(conclusions)


def rows_to_lists(apps, schema_editor):
    TrackCycle = apps.get_model("cycle", "TrackCycle")
    for track in TrackCycle.objects.all():
        track.decisions = [
            {"kind": d.kind, "number": d.number, "title": d.title,
             "date": d.date.isoformat() if d.date else None}
            for d in track.decision_rows.order_by("position", "id")
        ]
        track.effectiveness = [
            {"measure_number": c.measure_number, "dates": c.dates or None, "done": c.done,
             "conclusion": c.conclusion, "effective": c.effective or None}
            for c in track.conclusions.order_by("position", "id")
        ]
        track.save(update_fields=["decisions", "effectiveness"])


class Migration(migrations.Migration):

    dependencies = [
        ('cycle', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='порядок')),
                ('kind', models.CharField(choices=[('order', 'приказ'), ('protocol', 'протокол'), ('disposal', 'распоряжение')], max_length=16, verbose_name='вид')),
                ('number', models.CharField(blank=True, max_length=64, verbose_name='номер')),
                ('date', models.DateField(blank=True, null=True, verbose_name='дата')),
                ('title', models.TextField(verbose_name='название')),
                # a temporary reverse name: the track still has a JSON field called «decisions»
                ('track', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decision_rows', to='cycle.trackcycle')),
            ],
            options={
                'verbose_name': 'управленческое решение',
                'verbose_name_plural': 'управленческие решения',
                'ordering': ['track_id', 'position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='EffectivenessConclusion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='порядок')),
                ('measure_number', models.CharField(max_length=32, verbose_name='№ меры')),
                ('dates', models.CharField(blank=True, max_length=200, verbose_name='сроки проведения')),
                ('done', models.TextField(blank=True, verbose_name='что сделано')),
                ('conclusion', models.TextField(blank=True, verbose_name='заключение')),
                ('effective', models.CharField(blank=True, choices=[('yes', 'эффективна'), ('partly', 'частично эффективна'), ('no', 'не эффективна')], max_length=8, verbose_name='эффективность')),
                ('track', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conclusions', to='cycle.trackcycle')),
            ],
            options={
                'verbose_name': 'заключение об эффективности',
                'verbose_name_plural': 'заключения об эффективности',
                'ordering': ['track_id', 'position', 'id'],
            },
        ),
        migrations.RunPython(lists_to_rows, rows_to_lists),
        migrations.RemoveField(
            model_name='trackcycle',
            name='decisions',
        ),
        migrations.RemoveField(
            model_name='trackcycle',
            name='effectiveness',
        ),
        migrations.AlterField(
            model_name='decision',
            name='track',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='cycle.trackcycle'),
        ),
    ]
