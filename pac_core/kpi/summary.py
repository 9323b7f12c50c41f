"""The company view, the action × indicator table and the channel table, as plain data (for the CLI's
`summary`, its JSON, and anyone who wants the numbers without the screens)."""

import math

from pac_core.kpi.objectives import objectives, rollup
from pac_core.kpi.roi import channel_roi, last_year_months
from pac_core.kpi.scope import Scope, resolve
from pac_core.kpi.strategic import strategic_objectives
from pac_core.store import Store


def _plain(value):
    """A JSON-ready value: NaN and missing become None, numpy numbers plain floats."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def summary(store: Store, scope: Scope | None = None) -> dict:
    """as_of, company, actions, channels and strategic_objectives; ratios as plain numbers (0.9, not '90 %')."""
    scope = resolve(store, scope)
    actions = [
        {"action_id": row.action_id, "name": row.name, "metric": row.metric,
         "target_to_date": _plain(row.target_to_date), "actual_to_date": _plain(row.actual_to_date),
         "pace": _plain(row.pace), "status": row.status if isinstance(row.status, str) else None,
         "target_year": _plain(row.target_year), "forecast_year_end": _plain(row.forecast),
         "forecast_method": row.forecast_method, "previous_year": _plain(row.previous_year)}
        for row in objectives(store, scope).itertuples(index=False)]
    company = [
        {"metric": row.metric, "target_to_date": _plain(row.target_to_date),
         "actual_to_date": _plain(row.actual_to_date), "pace": _plain(row.pace),
         "status": row.status if isinstance(row.status, str) else None, "target_year": _plain(row.target_year),
         "forecast_year_end": _plain(row.forecast)}
        for row in rollup(store, scope).itertuples(index=False)]
    earlier = channel_roi(store, scope, by="channel", months=last_year_months(scope))
    before = {row.channel: {"cost": _plain(row.cost), "revenue": _plain(row.revenue)}
              for row in earlier.itertuples(index=False)}
    channels = [
        {"channel": row.channel, "cost": _plain(row.cost), "revenue": _plain(row.revenue), "roi": _plain(row.roi),
         "roas": _plain(row.roas), "revenue_source": row.revenue_source if isinstance(row.revenue_source, str)
         else None, "previous_year": before.get(row.channel, {"cost": None, "revenue": None})}
        for row in channel_roi(store, scope, by="channel").itertuples(index=False)]
    strategic = [
        {"id": row.objective_id, "label": row.label, "metric": row.metric, "baseline": _plain(row.baseline),
         "target": _plain(row.target), "current": _plain(row.current), "progress": _plain(row.progress),
         "forecast": _plain(row.forecast), "status": row.status if isinstance(row.status, str) else None}
        for row in strategic_objectives(store, scope).itertuples(index=False)]
    return {"as_of": scope.as_of.strftime("%Y-%m"), "plan_version": scope.plan_version, "company": company,
            "actions": actions, "channels": channels, "strategic_objectives": strategic}
