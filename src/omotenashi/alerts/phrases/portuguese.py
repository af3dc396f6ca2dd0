"""Portuguese, in Brazilian usage (most Portuguese-speaking residents and visitors of Japan are
Brazilian). "Alerta" for 警報 and "aviso" for 注意報."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[SIMULADO – não é um alerta real] {headline}",
    "test_headline": "[TESTE – não é um alerta real] {headline}",
    "corrected_headline": "[Correção] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "mais {count}",
    "areas_line": "Áreas: {areas}",
    "source_line": "Fonte: {source}",
    "issued_line": "Emitido: {time}",
    "valid_until_line": "Válido até: {time}",
    "origin_time_line": "Horário do terremoto: {time}",
    "epicentre_line": "Epicentro: {place}",
    "magnitude_line": "Magnitude: {magnitude}",
    "depth_line": "Profundidade: cerca de {depth}",
    "depth_very_shallow_line": "Profundidade: muito rasa",
    "intensity": "intensidade sísmica {scale}",
    "intensity_or_more": "intensidade sísmica {scale} ou maior",
    "intensity_range": "intensidade sísmica de {lower} a {upper}",
    "scale_lower": "{number} inferior",
    "scale_upper": "{number} superior",
    "eew_headline": "Alerta antecipado de terremoto: tremores fortes esperados em {areas}",
    "eew_forecast_line": "Tremor previsto: {intensity}",
    "eew_action": (
        "Proteja a cabeça e abrigue-se debaixo de uma mesa resistente. Afaste-se de janelas e de "
        "objetos que possam cair. Não saia correndo para a rua."
    ),
    "quake_headline": "Terremoto – máximo observado: {intensity}",
    "quake_action_strong": (
        "Cuidado com as réplicas. Afaste-se de prédios danificados, muros e encostas íngremes e "
        "siga as orientações das autoridades."
    ),
    "quake_action_minor": (
        "Verifique se os arredores estão seguros e fique atento a novas informações."
    ),
    "tsunami_outlook_none": "Não há risco de tsunami por causa deste terremoto.",
    "tsunami_outlook_slight": (
        "Pode haver pequenas variações no nível do mar, mas não há risco de danos."
    ),
    "tsunami_outlook_warning": "Há alertas ou avisos de tsunami em vigor.",
    "major_tsunami_warning_headline": "Alerta de grande tsunami: {areas}",
    "tsunami_warning_headline": "Alerta de tsunami: {areas}",
    "tsunami_advisory_headline": "Aviso de tsunami: {areas}",
    "tsunami_forecast_headline": "Previsão de tsunami: {areas}",
    "tsunami_grade_major_warning": "Alerta de grande tsunami",
    "tsunami_grade_warning": "Alerta de tsunami",
    "tsunami_grade_advisory": "Aviso de tsunami",
    "tsunami_grade_slight": "Pequena variação do nível do mar",
    "tsunami_grade_lifted": "Alerta ou aviso encerrado",
    "tsunami_height": "altura prevista {height}",
    "tsunami_height_over": "mais de {height}",
    "tsunami_height_huge": "enorme",
    "tsunami_height_high": "alta",
    "tsunami_arrival": "chegada prevista da primeira onda: {time}",
    "tsunami_arrival_immediate": "chegada imediata",
    "tsunami_warning_action": (
        "Vá agora mesmo para um lugar alto ou para os andares superiores de um prédio alto e "
        "resistente. Não volte até o alerta ser encerrado."
    ),
    "tsunami_advisory_action": "Saia da água e afaste-se da costa agora mesmo.",
    "tsunami_forecast_action": "Tenha cuidado no mar ou perto dele; não há risco de danos.",
    "weather_emergency_headline": "Alerta de emergência: {phenomena}",
    "weather_warning_headline": "Alerta meteorológico: {phenomena}",
    "weather_advisory_headline": "Aviso meteorológico: {phenomena}",
    "weather_lifted_headline": "Alertas e avisos meteorológicos encerrados: {areas}",
    "weather_emergency_item": "alerta de emergência de {phenomenon}",
    "weather_warning_item": "alerta de {phenomenon}",
    "weather_advisory_item": "aviso de {phenomenon}",
    "weather_phenomena": {
        W.HEAVY_RAIN: "chuva forte",
        W.FLOOD: "inundação",
        W.STORM: "vendaval",
        W.SNOWSTORM: "nevasca",
        W.HEAVY_SNOW: "neve intensa",
        W.HIGH_WAVES: "ondas altas",
        W.STORM_SURGE: "maré de tempestade",
        W.THUNDERSTORM: "trovoadas",
        W.GALE: "ventos fortes",
        W.WIND_AND_SNOW: "vento e neve",
        W.SNOWMELT: "degelo",
        W.DENSE_FOG: "nevoeiro denso",
        W.DRY_AIR: "ar seco",
        W.AVALANCHE: "avalanche",
        W.LOW_TEMPERATURE: "baixas temperaturas",
        W.FROST: "geada",
        W.ICING: "formação de gelo",
        W.SNOW_ACCRETION: "acúmulo de neve",
    },
    "weather_emergency_action": (
        "Sua vida está em perigo. Proteja-se agora: vá para um abrigo ou, se sair for perigoso, "
        "suba para um andar alto longe de encostas e rios."
    ),
    "weather_warning_action": (
        "Evite sair, consulte as informações de evacuação da sua área e esteja pronto para evacuar."
    ),
    "weather_advisory_action": (
        "Tenha cuidado ao ar livre e consulte as informações meteorológicas mais recentes."
    ),
    "weather_lifted_action": "Continue atento: rios e encostas ainda podem ser perigosos.",
    "volcano_level_headline": "{volcano}: nível de alerta vulcânico {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "Atenção: vulcão ativo",
        "Não se aproxime da cratera",
        "Não se aproxime do vulcão",
        "Evacuam idosos e quem precisa de tempo; os demais se preparam",
        "Evacuação",
    ),
    "volcano_warning_residential": "Alerta de erupção (áreas residenciais)",
    "volcano_warning_crater": "Alerta de erupção (área da cratera)",
    "volcano_warning_sea": "Alerta de erupção (mar ao redor)",
    "volcano_warning_forecast": "Previsão de erupção (vulcão ativo)",
    "volcano_action_evacuate": (
        "Evacue agora a área de perigo seguindo as instruções do município."
    ),
    "volcano_action_prepare": (
        "Idosos e quem precisa de tempo para evacuar: evacuem agora. Os "
        "demais: preparem-se para evacuar e não entrem na área de perigo."
    ),
    "volcano_action_keep_off_mountain": "Não suba o vulcão nem entre em áreas restritas.",
    "volcano_action_keep_off_crater": "Não se aproxime da cratera.",
    "volcano_action_sea": "Mantenha-se longe do mar ao redor do vulcão.",
    "volcano_action_aware": (
        "Este é um vulcão ativo: siga as orientações locais e não entre em áreas fechadas."
    ),
    "heat_headline": "Alerta de insolação: {areas}",
    "heat_special_headline": "Alerta especial de insolação: {areas}",
    "heat_wbgt_line": "Índice de calor previsto (WBGT): {wbgt}",
    "heat_date_line": "Data: {date}",
    "heat_action": (
        "Evite o calor: fique em locais com ar-condicionado, beba água com frequência e não faça "
        "exercícios ao ar livre."
    ),
    "heat_special_action": (
        "Este calor ameaça a saúde de todos. Fique em um local fresco (como um abrigo "
        "climatizado), beba água com frequência e cuide das pessoas ao seu redor."
    ),
    "evacuation_level3_headline": (
        "Nível de alerta 3 – idosos e quem precisa de tempo para evacuar devem "
        "evacuar já; os demais, preparem-se: {areas}"
    ),
    "evacuation_level4_headline": "Nível de alerta 4 – ordem de evacuação: {areas}",
    "evacuation_level5_headline": "Nível de alerta 5 – emergência, proteja sua vida: {areas}",
    "shelter_line": "Abrigo: {shelter}",
    "nearest_shelter": "o abrigo de evacuação mais próximo",
    "evacuation_level3_action": (
        "Idosos, pessoas com deficiência e quem precisa de tempo para evacuar: "
        "evacuem agora para {shelter}. Os demais: preparem-se para evacuar."
    ),
    "evacuation_level4_action": (
        "Evacue agora para {shelter}. Se sair for perigoso, suba para um andar alto de um prédio "
        "resistente."
    ),
    "evacuation_level5_action": (
        "Um desastre está acontecendo ou é iminente. Vá imediatamente para o lugar mais seguro "
        "que puder alcançar, como um andar alto longe de encostas."
    ),
    "missile_headline": "Alerta de míssil: {areas}",
    "missile_action": (
        "Entre agora em um prédio resistente ou em um local subterrâneo. Se não houver nenhum, "
        "abrigue-se atrás de algo ou deite-se no chão e proteja a cabeça. Afaste-se das janelas."
    ),
    "tsunami_arrival_estimated": "estima-se que esteja chegando agora",
    "tsunami_arrival_observed": "primeira onda observada",
    "tsunami_arrival_already": "estima-se que já tenha chegado",
    "tsunami_observed": "tsunami observado: {height}",
    "tsunami_observed_rising": "ainda subindo",
    "tsunami_height_under": "menos de {height}",
    "tsunami_warning_lifted_headline": "Alerta de tsunami encerrado: {areas}",
    "tsunami_advisory_lifted_headline": "Aviso de tsunami encerrado: {areas}",
    "tsunami_lifted_action": (
        "O alerta ou aviso de tsunami foi encerrado. O nível do mar ainda pode variar um "
        "pouco por algum tempo: tenha cuidado ao entrar no mar, nadar ou pescar."
    ),
    "magnitude_over_line": "Magnitude: mais de {magnitude} (um terremoto enorme)",
    "tsunami_outlook_investigating": "Está sendo investigado se um tsunami chegará ao Japão.",
    "quake_hypocentre_headline": "Terremoto – epicentro: {place}",
    "quake_distant_headline": "Grande terremoto (ou erupção) no exterior: {place}",
}
