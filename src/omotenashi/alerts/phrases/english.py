"""English: the reference every other language's fields are checked against. JMA's English
terms where it has them (Emergency Warning, Tsunami Advisory, Seismic Intensity 6 Lower)."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[EXERCISE – not a real alert] {headline}",
    "test_headline": "[TEST – not a real alert] {headline}",
    "corrected_headline": "[Corrected] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "{count} more",
    "areas_line": "Areas: {areas}",
    "source_line": "Source: {source}",
    "issued_line": "Issued: {time}",
    "valid_until_line": "Valid until: {time}",
    "origin_time_line": "Earthquake occurred: {time}",
    "epicentre_line": "Epicentre: {place}",
    "magnitude_line": "Magnitude: {magnitude}",
    "depth_line": "Depth: about {depth}",
    "depth_very_shallow_line": "Depth: very shallow",
    "intensity": "seismic intensity {scale}",
    "intensity_or_more": "seismic intensity {scale} or stronger",
    "intensity_range": "seismic intensity {lower} to {upper}",
    "scale_lower": "{number} lower",
    "scale_upper": "{number} upper",
    "eew_headline": "Earthquake Early Warning: strong shaking expected in {areas}",
    "eew_forecast_line": "Expected shaking: {intensity}",
    "eew_action": (
        "Protect your head and take cover under a sturdy table. Stay away from windows and things "
        "that may fall. Do not rush outside."
    ),
    "quake_headline": "Earthquake – strongest shaking observed: {intensity}",
    "quake_action_strong": (
        "Expect aftershocks. Stay away from damaged buildings, walls and steep slopes, and follow "
        "the instructions of the authorities."
    ),
    "quake_action_minor": (
        "Check that your surroundings are safe and watch for further information."
    ),
    "tsunami_outlook_none": "No tsunami is expected from this earthquake.",
    "tsunami_outlook_slight": ("Slight sea-level changes are possible, but no damage is expected."),
    "tsunami_outlook_warning": "Tsunami warnings or advisories are in effect.",
    "major_tsunami_warning_headline": "Major Tsunami Warning: {areas}",
    "tsunami_warning_headline": "Tsunami Warning: {areas}",
    "tsunami_advisory_headline": "Tsunami Advisory: {areas}",
    "tsunami_forecast_headline": "Tsunami forecast: {areas}",
    "tsunami_grade_major_warning": "Major tsunami warning",
    "tsunami_grade_warning": "Tsunami warning",
    "tsunami_grade_advisory": "Tsunami advisory",
    "tsunami_grade_slight": "Slight sea-level change",
    "tsunami_grade_lifted": "Warning or advisory lifted",
    "tsunami_height": "expected height {height}",
    "tsunami_height_over": "over {height}",
    "tsunami_height_huge": "huge",
    "tsunami_height_high": "high",
    "tsunami_arrival": "first wave expected {time}",
    "tsunami_arrival_immediate": "arriving immediately",
    "tsunami_warning_action": (
        "Move to high ground or the upper floors of a tall, sturdy building now. Do not go back "
        "until the warning is lifted."
    ),
    "tsunami_advisory_action": "Get out of the water and move away from the shore now.",
    "tsunami_forecast_action": "Take care in or near the sea; no damage is expected.",
    "weather_emergency_headline": "Emergency Warning: {phenomena}",
    "weather_warning_headline": "Weather Warning: {phenomena}",
    "weather_advisory_headline": "Weather Advisory: {phenomena}",
    "weather_lifted_headline": "Weather warnings and advisories lifted: {areas}",
    "weather_emergency_item": "{phenomenon} emergency warning",
    "weather_warning_item": "{phenomenon} warning",
    "weather_advisory_item": "{phenomenon} advisory",
    "weather_phenomena": {
        W.HEAVY_RAIN: "heavy rain",
        W.FLOOD: "flood",
        W.STORM: "storm",
        W.SNOWSTORM: "snowstorm",
        W.HEAVY_SNOW: "heavy snow",
        W.HIGH_WAVES: "high waves",
        W.STORM_SURGE: "storm surge",
        W.THUNDERSTORM: "thunderstorm",
        W.GALE: "gale",
        W.WIND_AND_SNOW: "wind and snow",
        W.SNOWMELT: "snowmelt",
        W.DENSE_FOG: "dense fog",
        W.DRY_AIR: "dry air",
        W.AVALANCHE: "avalanche",
        W.LOW_TEMPERATURE: "low temperature",
        W.FROST: "frost",
        W.ICING: "icing",
        W.SNOW_ACCRETION: "snow accretion",
    },
    "weather_emergency_action": (
        "Your life is in danger. Get to safety now: go to a shelter or, if going outside is "
        "dangerous, move to an upper floor away from slopes and rivers."
    ),
    "weather_warning_action": (
        "Avoid going out, check the evacuation information for your area and be ready to evacuate."
    ),
    "weather_advisory_action": "Take care outdoors and check the latest weather information.",
    "weather_lifted_action": "Stay careful: rivers and slopes may still be dangerous.",
    "volcano_level_headline": "{volcano}: Volcanic Alert Level {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "Be aware that this is an active volcano",
        "Do not approach the crater",
        "Do not approach the volcano",
        "Older people and those who need time evacuate; others prepare",
        "Evacuate",
    ),
    "volcano_warning_residential": "Eruption warning (residential areas)",
    "volcano_warning_crater": "Eruption warning (crater area)",
    "volcano_warning_sea": "Eruption warning (surrounding sea)",
    "volcano_warning_forecast": "Eruption forecast (active volcano)",
    "volcano_action_evacuate": (
        "Evacuate from the danger area now, following the municipality's instructions."
    ),
    "volcano_action_prepare": (
        "Older people and anyone who needs time to evacuate: evacuate now. "
        "Everyone else: prepare to evacuate and stay out of the danger area."
    ),
    "volcano_action_keep_off_mountain": "Do not climb the volcano or enter restricted areas.",
    "volcano_action_keep_off_crater": "Do not go near the crater.",
    "volcano_action_sea": "Keep away from the sea around the volcano.",
    "volcano_action_aware": (
        "This is an active volcano: follow local guidance and stay out of closed areas."
    ),
    "heat_headline": "Heat Stroke Alert: {areas}",
    "heat_special_headline": "Special Heat Stroke Alert: {areas}",
    "heat_wbgt_line": "Expected heat index (WBGT): {wbgt}",
    "heat_date_line": "For: {date}",
    "heat_action": (
        "Avoid the heat: stay in air-conditioned places, drink water often and do not exercise "
        "outdoors."
    ),
    "heat_special_action": (
        "This heat endangers everyone's health. Stay in a cool place (such as a cooling shelter), "
        "drink water often and check on the people around you."
    ),
    "evacuation_level3_headline": (
        "Alert Level 3 – older people and those who need time must evacuate "
        "now; others prepare: {areas}"
    ),
    "evacuation_level4_headline": "Alert Level 4 – evacuation order: {areas}",
    "evacuation_level5_headline": "Alert Level 5 – emergency, secure your safety: {areas}",
    "shelter_line": "Shelter: {shelter}",
    "nearest_shelter": "the nearest evacuation shelter",
    "evacuation_level3_action": (
        "Older people, people with disabilities and anyone who needs time to "
        "evacuate: evacuate now to {shelter}. Everyone else: prepare to "
        "evacuate."
    ),
    "evacuation_level4_action": (
        "Evacuate now to {shelter}. If going outside is dangerous, move to an upper floor of a "
        "sturdy building."
    ),
    "evacuation_level5_action": (
        "A disaster is happening or about to happen. Move at once to the safest place you can "
        "reach, such as an upper floor away from slopes."
    ),
    "missile_headline": "Missile alert: {areas}",
    "missile_action": (
        "Go inside a sturdy building or underground now. If there is none, take cover behind "
        "something or lie on the ground and protect your head. Stay away from windows."
    ),
    "tsunami_arrival_estimated": "estimated to be arriving now",
    "tsunami_arrival_observed": "first wave observed",
    "tsunami_arrival_already": "estimated to have already arrived",
    "tsunami_observed": "tsunami observed: {height}",
    "tsunami_observed_rising": "still rising",
    "tsunami_height_under": "under {height}",
    "tsunami_warning_lifted_headline": "Tsunami Warning lifted: {areas}",
    "tsunami_advisory_lifted_headline": "Tsunami Advisory lifted: {areas}",
    "tsunami_lifted_action": (
        "The tsunami warning or advisory has been lifted. The sea level may still change "
        "slightly for a while: take care if you go into the sea, swim or fish."
    ),
    "magnitude_over_line": "Magnitude: more than {magnitude} (a huge earthquake)",
    "tsunami_outlook_investigating": "Whether a tsunami will reach Japan is being investigated.",
    "quake_hypocentre_headline": "Earthquake – epicentre: {place}",
    "quake_distant_headline": "Large earthquake (or eruption) abroad: {place}",
}
