"""Domain vocabulary that has no storage of its own: party roles, dispute types, priorities."""

from __future__ import annotations

import enum


class PartyRole(enum.StrEnum):
    """A party's side in the dispute."""

    APPLICANT = "applicant"  # 申请人
    RESPONDENT = "respondent"  # 被申请人


class Priority(enum.StrEnum):
    """小事快办、急事速办、难事联办."""

    ROUTINE = "routine"
    URGENT = "urgent"
    HARD = "hard"


class Level(enum.StrEnum):
    """The tier that handles a case."""

    VILLAGE = "village"
    TOWN = "town"
    DISTRICT = "district"


class OrgLevel(enum.StrEnum):
    """Tiers of the org tree: district → town → village → grid."""

    DISTRICT = "district"
    TOWN = "town"
    VILLAGE = "village"
    GRID = "grid"


class DisputeType(enum.StrEnum):
    """The national people's-mediation statistics categories (DESIGN.md §2)."""

    MARRIAGE_FAMILY = "marriage_family"  # 婚姻家庭
    NEIGHBOUR = "neighbour"  # 邻里
    HOUSING_HOMESTEAD = "housing_homestead"  # 房屋宅基地
    CONTRACT = "contract"  # 合同
    BUSINESS = "business"  # 生产经营
    DAMAGES = "damages"  # 损害赔偿
    FOREST_LAND = "forest_land"  # 山林土地
    EXPROPRIATION = "expropriation"  # 征地拆迁
    ENVIRONMENT = "environment"  # 环境污染
    LABOUR = "labour"  # 劳动争议
    MEDICAL = "medical"  # 医疗
    PROPERTY_MANAGEMENT = "property_management"  # 物业
    TRAFFIC = "traffic"  # 道路交通事故
    CONSUMER = "consumer"  # 消费
    OTHER = "other"  # 其他


class Role(enum.StrEnum):
    """Who a device serves, set by the org unit it is enrolled for."""

    VILLAGE = "village"  # 网格员: records, handles, escalates
    TOWN = "town"  # 镇/街道矛调中心: the town desk
    DISTRICT = "district"  # 区矛调中心: the district desk


def role_of_level(level: str | None) -> Role:
    """The role of a device of an org unit at ``level`` (a grid works as its village)."""
    if level == "district":
        return Role.DISTRICT
    if level == "town":
        return Role.TOWN
    return Role.VILLAGE
