"""The supervisors' web dashboard, served by the central server under ``/dashboard``.

Server-rendered Jinja2 pages (templates/), a little htmx for partial updates and
ECharts for charts (static/vendor/, copied from npm by scripts/copy-dashboard-assets).
Sign-in with the server's accounts (supervisors and admins), sessions in the database,
every page scoped to the account's estates. See docs/dashboard.md.
"""
