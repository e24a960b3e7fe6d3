"""The roles of the people who use the product (DOMAIN.md, "Who uses it").

An account has exactly one role; it decides which records it may write and what
reference data it is sent. ``Role.PATROL == "patrol"``, and the code is what the
database and the wire carry.
"""

from __future__ import annotations

from domain.choices import Choice


class Role(Choice):
    PATROL = "patrol", "秩序维护员", "Patrol officer"
    SERVICE = "service", "客服专员", "Customer service"
    TECHNICIAN = "technician", "维修工", "Technician"
    SUPERVISOR = "supervisor", "主管", "Supervisor"
    ADMIN = "admin", "管理员", "Administrator"
