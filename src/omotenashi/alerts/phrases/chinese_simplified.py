"""Simplified Chinese. JMA's own terms are kept where Chinese readers meet them in Japan (震度6弱,
注意报), as JMA's Chinese pages do."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "【演习，并非真实警报】{headline}",
    "test_headline": "【测试，并非真实警报】{headline}",
    "corrected_headline": "【更正】{headline}",
    "label_value": "{label}：{value}",
    "detail_separator": "，",
    "more_areas": "另外{count}个地区",
    "areas_line": "对象地区：{areas}",
    "source_line": "发布机构：{source}",
    "issued_line": "发布时间：{time}",
    "valid_until_line": "有效期至：{time}",
    "origin_time_line": "地震发生时间：{time}",
    "epicentre_line": "震中：{place}",
    "magnitude_line": "震级：{magnitude}",
    "depth_line": "震源深度：约{depth}",
    "depth_very_shallow_line": "震源深度：极浅",
    "intensity": "震度{scale}",
    "intensity_or_more": "震度{scale}以上",
    "intensity_range": "震度{lower}至{upper}",
    "scale_lower": "{number}弱",
    "scale_upper": "{number}强",
    "eew_headline": "紧急地震速报：{areas}将出现强烈摇晃",
    "eew_forecast_line": "预计摇晃程度：{intensity}",
    "eew_action": ("请保护头部，躲到结实的桌子下面。远离窗户和容易倒下的物品，不要慌忙跑到室外。"),
    "quake_headline": "地震信息：观测到最大{intensity}",
    "quake_action_strong": (
        "请注意余震。不要靠近受损的建筑物、围墙和陡坡，并听从当地政府等的指示。"
    ),
    "quake_action_minor": "请确认周围是否安全，并留意后续信息。",
    "tsunami_outlook_none": "此次地震不会引发海啸。",
    "tsunami_outlook_slight": "海面可能出现轻微变动，但无需担心受灾。",
    "tsunami_outlook_warning": "目前已发布海啸警报等。",
    "major_tsunami_warning_headline": "大海啸警报：{areas}",
    "tsunami_warning_headline": "海啸警报：{areas}",
    "tsunami_advisory_headline": "海啸注意报：{areas}",
    "tsunami_forecast_headline": "海啸预报：{areas}",
    "tsunami_grade_major_warning": "大海啸警报",
    "tsunami_grade_warning": "海啸警报",
    "tsunami_grade_advisory": "海啸注意报",
    "tsunami_grade_slight": "海面轻微变动",
    "tsunami_grade_lifted": "警报、注意报已解除",
    "tsunami_height": "预计高度{height}",
    "tsunami_height_over": "超过{height}",
    "tsunami_height_huge": "巨大",
    "tsunami_height_high": "高",
    "tsunami_arrival": "第一波预计到达时间{time}",
    "tsunami_arrival_immediate": "海啸即将到达",
    "tsunami_warning_action": ("请立即前往高地或坚固高楼的高层避难。在警报解除之前不要返回。"),
    "tsunami_advisory_action": "请立即离开海水，远离海岸。",
    "tsunami_forecast_action": "在海中或海边时请注意安全。无需担心受灾。",
    "weather_emergency_headline": "{phenomena}特别警报",
    "weather_warning_headline": "{phenomena}警报",
    "weather_advisory_headline": "{phenomena}注意报",
    "weather_lifted_headline": "警报、注意报已解除：{areas}",
    "weather_emergency_item": "{phenomenon}特别警报",
    "weather_warning_item": "{phenomenon}警报",
    "weather_advisory_item": "{phenomenon}注意报",
    "weather_phenomena": {
        W.HEAVY_RAIN: "暴雨",
        W.FLOOD: "洪水",
        W.STORM: "暴风",
        W.SNOWSTORM: "暴风雪",
        W.HEAVY_SNOW: "大雪",
        W.HIGH_WAVES: "大浪",
        W.STORM_SURGE: "风暴潮",
        W.THUNDERSTORM: "雷电",
        W.GALE: "强风",
        W.WIND_AND_SNOW: "风雪",
        W.SNOWMELT: "融雪",
        W.DENSE_FOG: "浓雾",
        W.DRY_AIR: "干燥",
        W.AVALANCHE: "雪崩",
        W.LOW_TEMPERATURE: "低温",
        W.FROST: "霜冻",
        W.ICING: "结冰",
        W.SNOW_ACCRETION: "积雪附着",
    },
    "weather_emergency_action": (
        "生命面临危险。请立即确保自身安全：前往避难所；如外出危险，"
        "请转移到远离山崖和河流的建筑物高层。"
    ),
    "weather_warning_action": "请避免外出，确认所在地区的避难信息，做好随时避难的准备。",
    "weather_advisory_action": "在户外请注意安全，并确认最新的气象信息。",
    "weather_lifted_action": "河流和斜坡可能仍有危险，请继续注意。",
    "volcano_level_headline": "{volcano}：火山警戒级别{level}（{keyword}）",
    "volcano_warning_headline": "{volcano}：{warning}",
    "volcano_level_keywords": (
        "注意这是活火山",
        "火山口周边限制",
        "禁止入山",
        "老年人等需要时间的人避难，其他人做好准备",
        "避难",
    ),
    "volcano_warning_residential": "火山喷发警报（居住地区）",
    "volcano_warning_crater": "火山喷发警报（火山口周边）",
    "volcano_warning_sea": "火山喷发警报（周边海域）",
    "volcano_warning_forecast": "火山喷发预报（注意这是活火山）",
    "volcano_action_evacuate": "请按照市町村的指示，立即从危险区域避难。",
    "volcano_action_prepare": (
        "老年人等避难需要时间的人请立即避难。其他人请做好避难准备，不要进入危险区域。"
    ),
    "volcano_action_keep_off_mountain": "请不要登山，不要进入限制区域。",
    "volcano_action_keep_off_crater": "请不要靠近火山口。",
    "volcano_action_sea": "请远离火山周边的海域。",
    "volcano_action_aware": "这是活火山。请听从当地指引，不要进入禁止进入的区域。",
    "heat_headline": "中暑警戒警报：{areas}",
    "heat_special_headline": "中暑特别警戒警报：{areas}",
    "heat_wbgt_line": "预计暑热指数（WBGT）：{wbgt}",
    "heat_date_line": "对象日期：{date}",
    "heat_action": "请避开高温，待在有空调的地方，勤补充水分，避免户外运动。",
    "heat_special_action": (
        "危险的高温可能危害所有人的健康。请待在凉爽的地方（如避暑设施），"
        "勤补充水分，并关心身边的人。"
    ),
    "evacuation_level3_headline": (
        "警戒级别3 老年人等避难需要时间的人立即避难，其他人做好避难准备：{areas}"
    ),
    "evacuation_level4_headline": "警戒级别4 避难指示：{areas}",
    "evacuation_level5_headline": "警戒级别5 紧急确保安全：{areas}",
    "shelter_line": "避难场所：{shelter}",
    "nearest_shelter": "附近的避难场所",
    "evacuation_level3_action": (
        "老年人、残障人士等避难需要时间的人请立即前往{shelter}避难。其他人请做好避难准备。"
    ),
    "evacuation_level4_action": (
        "请立即前往{shelter}避难。如果外出危险，请转移到坚固建筑物的高层。"
    ),
    "evacuation_level5_action": (
        "灾害已经发生或迫在眉睫。请立即转移到能到达的最安全的地方，例如远离山崖的建筑物高层。"
    ),
    "missile_headline": "导弹警报：{areas}",
    "missile_action": (
        "请立即进入坚固的建筑物内或地下避难。附近没有建筑物时，请躲在物体后面或趴在地上保护头部。"
        "请远离窗户。"
    ),
    "tsunami_arrival_estimated": "推测海啸正在到达",
    "tsunami_arrival_observed": "已观测到第一波到达",
    "tsunami_arrival_already": "推测海啸已经到达",
    "tsunami_observed": "已观测到海啸：{height}",
    "tsunami_observed_rising": "仍在上升",
    "tsunami_height_under": "不到{height}",
    "tsunami_warning_lifted_headline": "海啸警报解除：{areas}",
    "tsunami_advisory_lifted_headline": "海啸注意报解除：{areas}",
    "tsunami_lifted_action": (
        "海啸警报、注意报已解除。今后一段时间海面可能仍有轻微变动，下海作业、钓鱼或游泳时请充"
        "分注意。"
    ),
    "magnitude_over_line": "震级：超过{magnitude}的巨大地震",
    "tsunami_outlook_investigating": "是否会有海啸到达日本，目前正在调查中。",
    "quake_hypocentre_headline": "地震信息：震中位于{place}",
    "quake_distant_headline": "海外发生大地震（或火山喷发）：{place}",
}
