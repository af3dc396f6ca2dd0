"""Spanish, neutral (not regional). "Alerta" for 警報 and "aviso" for 注意報, as JMA's Spanish
pages; 震度5弱 / 5強 as "5 inferior" / "5 superior"."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[SIMULACRO – no es una alerta real] {headline}",
    "test_headline": "[PRUEBA – no es una alerta real] {headline}",
    "corrected_headline": "[Corrección] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "{count} más",
    "areas_line": "Zonas: {areas}",
    "source_line": "Fuente: {source}",
    "issued_line": "Emitida: {time}",
    "valid_until_line": "Válida hasta: {time}",
    "origin_time_line": "Hora del terremoto: {time}",
    "epicentre_line": "Epicentro: {place}",
    "magnitude_line": "Magnitud: {magnitude}",
    "depth_line": "Profundidad: unos {depth}",
    "depth_very_shallow_line": "Profundidad: muy superficial",
    "intensity": "intensidad sísmica {scale}",
    "intensity_or_more": "intensidad sísmica {scale} o mayor",
    "intensity_range": "intensidad sísmica de {lower} a {upper}",
    "scale_lower": "{number} inferior",
    "scale_upper": "{number} superior",
    "eew_headline": "Alerta temprana de terremoto: se esperan sacudidas fuertes en {areas}",
    "eew_forecast_line": "Sacudida prevista: {intensity}",
    "eew_action": (
        "Protéjase la cabeza y métase debajo de una mesa resistente. Aléjese de las ventanas y de "
        "los objetos que puedan caer. No salga corriendo a la calle."
    ),
    "quake_headline": "Terremoto – máximo observado: {intensity}",
    "quake_action_strong": (
        "Tenga cuidado con las réplicas. Aléjese de edificios dañados, muros y pendientes "
        "pronunciadas, y siga las indicaciones de las autoridades."
    ),
    "quake_action_minor": (
        "Compruebe que su entorno es seguro y esté atento a la información posterior."
    ),
    "tsunami_outlook_none": "Este terremoto no provocará ningún tsunami.",
    "tsunami_outlook_slight": (
        "Puede haber ligeros cambios en el nivel del mar, pero no se esperan daños."
    ),
    "tsunami_outlook_warning": "Hay alertas o avisos de tsunami en vigor.",
    "major_tsunami_warning_headline": "Alerta de gran tsunami: {areas}",
    "tsunami_warning_headline": "Alerta de tsunami: {areas}",
    "tsunami_advisory_headline": "Aviso de tsunami: {areas}",
    "tsunami_forecast_headline": "Pronóstico de tsunami: {areas}",
    "tsunami_grade_major_warning": "Alerta de gran tsunami",
    "tsunami_grade_warning": "Alerta de tsunami",
    "tsunami_grade_advisory": "Aviso de tsunami",
    "tsunami_grade_slight": "Ligero cambio del nivel del mar",
    "tsunami_grade_lifted": "Alerta o aviso levantado",
    "tsunami_height": "altura prevista {height}",
    "tsunami_height_over": "más de {height}",
    "tsunami_height_huge": "enorme",
    "tsunami_height_high": "alta",
    "tsunami_arrival": "llegada prevista de la primera ola: {time}",
    "tsunami_arrival_immediate": "llegada inmediata",
    "tsunami_warning_action": (
        "Vaya ahora mismo a un lugar alto o a los pisos superiores de un edificio alto y sólido. "
        "No regrese hasta que se levante la alerta."
    ),
    "tsunami_advisory_action": "Salga del agua y aléjese de la costa ahora mismo.",
    "tsunami_forecast_action": "Tenga cuidado en el mar o cerca de él; no se esperan daños.",
    "weather_emergency_headline": "Alerta de emergencia: {phenomena}",
    "weather_warning_headline": "Alerta meteorológica: {phenomena}",
    "weather_advisory_headline": "Aviso meteorológico: {phenomena}",
    "weather_lifted_headline": "Alertas y avisos meteorológicos levantados: {areas}",
    "weather_emergency_item": "alerta de emergencia por {phenomenon}",
    "weather_warning_item": "alerta por {phenomenon}",
    "weather_advisory_item": "aviso por {phenomenon}",
    "weather_phenomena": {
        W.HEAVY_RAIN: "lluvias intensas",
        W.FLOOD: "inundaciones",
        W.STORM: "temporal de viento",
        W.SNOWSTORM: "ventisca",
        W.HEAVY_SNOW: "nevadas intensas",
        W.HIGH_WAVES: "oleaje alto",
        W.STORM_SURGE: "marea de tormenta",
        W.THUNDERSTORM: "tormentas eléctricas",
        W.GALE: "vientos fuertes",
        W.WIND_AND_SNOW: "viento y nieve",
        W.SNOWMELT: "deshielo",
        W.DENSE_FOG: "niebla densa",
        W.DRY_AIR: "aire seco",
        W.AVALANCHE: "aludes",
        W.LOW_TEMPERATURE: "bajas temperaturas",
        W.FROST: "heladas",
        W.ICING: "engelamiento",
        W.SNOW_ACCRETION: "acumulación de nieve",
    },
    "weather_emergency_action": (
        "Su vida corre peligro. Póngase a salvo ahora: vaya a un refugio o, si salir es "
        "peligroso, suba a un piso alto lejos de pendientes y ríos."
    ),
    "weather_warning_action": (
        "Evite salir, consulte la información de evacuación de su zona y prepárese para evacuar."
    ),
    "weather_advisory_action": (
        "Tenga cuidado al aire libre y consulte la información meteorológica más reciente."
    ),
    "weather_lifted_action": (
        "Siga con precaución: los ríos y las pendientes aún pueden ser peligrosos."
    ),
    "volcano_level_headline": "{volcano}: nivel de alerta volcánica {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "Atención: volcán activo",
        "No acercarse al cráter",
        "No acercarse al volcán",
        "Evacúan las personas mayores y quienes tardan; los demás se preparan",
        "Evacuación",
    ),
    "volcano_warning_residential": "Alerta de erupción (zonas habitadas)",
    "volcano_warning_crater": "Alerta de erupción (zona del cráter)",
    "volcano_warning_sea": "Alerta de erupción (mar circundante)",
    "volcano_warning_forecast": "Pronóstico de erupción (volcán activo)",
    "volcano_action_evacuate": (
        "Evacúe ahora la zona de peligro siguiendo las instrucciones del municipio."
    ),
    "volcano_action_prepare": (
        "Personas mayores y quienes tardan en evacuar: evacúen ahora. Los "
        "demás: prepárense para evacuar y no entren en la zona de peligro."
    ),
    "volcano_action_keep_off_mountain": "No suba al volcán ni entre en zonas restringidas.",
    "volcano_action_keep_off_crater": "No se acerque al cráter.",
    "volcano_action_sea": "Manténgase alejado del mar que rodea el volcán.",
    "volcano_action_aware": (
        "Es un volcán activo: siga las indicaciones locales y no entre en zonas cerradas."
    ),
    "heat_headline": "Alerta por golpe de calor: {areas}",
    "heat_special_headline": "Alerta especial por golpe de calor: {areas}",
    "heat_wbgt_line": "Índice de calor previsto (WBGT): {wbgt}",
    "heat_date_line": "Fecha: {date}",
    "heat_action": (
        "Evite el calor: permanezca en lugares con aire acondicionado, beba agua a menudo y no "
        "haga ejercicio al aire libre."
    ),
    "heat_special_action": (
        "Este calor pone en peligro la salud de todos. Permanezca en un lugar fresco (como un "
        "refugio climático), beba agua a menudo y preocúpese por las personas de su alrededor."
    ),
    "evacuation_level3_headline": (
        "Nivel de alerta 3 – las personas mayores y quienes tardan en evacuar "
        "deben evacuar ya; los demás, prepárense: {areas}"
    ),
    "evacuation_level4_headline": "Nivel de alerta 4 – orden de evacuación: {areas}",
    "evacuation_level5_headline": "Nivel de alerta 5 – emergencia, póngase a salvo: {areas}",
    "shelter_line": "Refugio: {shelter}",
    "nearest_shelter": "el refugio de evacuación más cercano",
    "evacuation_level3_action": (
        "Personas mayores, personas con discapacidad y quienes tardan en "
        "evacuar: evacúen ahora a {shelter}. Los demás: prepárense para "
        "evacuar."
    ),
    "evacuation_level4_action": (
        "Evacúe ahora a {shelter}. Si salir es peligroso, suba a un piso alto de un edificio "
        "sólido."
    ),
    "evacuation_level5_action": (
        "Hay un desastre en curso o inminente. Vaya de inmediato al lugar más seguro que pueda "
        "alcanzar, como un piso alto lejos de pendientes."
    ),
    "missile_headline": "Alerta de misil: {areas}",
    "missile_action": (
        "Entre ahora en un edificio sólido o bajo tierra. Si no hay ninguno, resguárdese detrás "
        "de algo o túmbese en el suelo y protéjase la cabeza. Aléjese de las ventanas."
    ),
    "tsunami_arrival_estimated": "se estima que está llegando ahora",
    "tsunami_arrival_observed": "se ha observado la primera ola",
    "tsunami_arrival_already": "se estima que ya ha llegado",
    "tsunami_observed": "tsunami observado: {height}",
    "tsunami_observed_rising": "sigue subiendo",
    "tsunami_height_under": "menos de {height}",
    "tsunami_warning_lifted_headline": "Alerta de tsunami levantada: {areas}",
    "tsunami_advisory_lifted_headline": "Aviso de tsunami levantado: {areas}",
    "tsunami_lifted_action": (
        "Se ha levantado la alerta o el aviso de tsunami. El nivel del mar aún puede cambiar "
        "ligeramente durante un tiempo: tenga cuidado si entra en el mar, nada o pesca."
    ),
    "magnitude_over_line": "Magnitud: más de {magnitude} (un terremoto enorme)",
    "tsunami_outlook_investigating": "Se está investigando si un tsunami llegará a Japón.",
    "quake_hypocentre_headline": "Terremoto – epicentro: {place}",
    "quake_distant_headline": "Gran terremoto (o erupción) en el extranjero: {place}",
}
