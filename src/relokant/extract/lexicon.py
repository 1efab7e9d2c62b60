"""Word lists (as regular expressions) that say what a number counts, in English and Russian.

Russian inflection is handled with stems; the lists favour precision: a
number is only a migration claim when a migration word is near it.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

DEPART = re.compile(
    r"\b(?:left|leav(?:e|es|ing)|fled|flee(?:s|ing)?|emigrat\w*|emigrants?|emigr[eé]s?|departed|"
    r"departures?|exodus|outflows?|outward migration|relocat\w*|relokant\w*|moved abroad|"
    r"gone abroad|went abroad|exiles?|brain drain|lost|los(?:s|ing)|bled|leavers|immigra\w*|"
    r"crossed (?:into|the border)|fled (?:to|into)|entered (?=[A-Z])|arrived\b|arrivals?\b|"
    r"moved to (?=[A-Z])|"
    r"пересекл\w* границ\w*|въехал\w*|въезжа\w*|въезд\w*|прибыл\w*|прибыва\w*|приехал\w*|"
    r"приезжа\w*|"
    r"уе[хз]\w*|уехав\w*|покину\w*|покида\w*|эмигр\w*|выех\w*|выезжа\w*|выезд\w*|бежа\w*|"
    r"сбежа\w*|бегств\w*|релок\w*|отток\w*|исход\w*|переех\w*|переезж\w*|переезд\w*|"
    r"утечк\w*|"
    r"потерял\w*|потер[яи]\w*|лишил\w*|убыл\w*|убыв\w*|выбыл\w*|выбыва\w*|выбыти\w*|"
    r"эмиграц\w*)",
    _I,
)
RETURN = re.compile(
    r"\b(?:return(?:ed|ing|s|ees?)?|came back|come back|coming back|back home|went back|"
    r"(?:gone|go|went|come|came|going|coming|returned) home|"
    r"gone back|moved back|re-?emigrat\w*|"
    r"верну\w*|вернул\w*|вернёт\w*|вернет\w*|возвра\w*|возвращ\w*|обратно)",
    _I,
)
NOT_RETURN = re.compile(
    r"\b(?:in return|tax returns?|return on|returns? (?:of|on) investment|(?:not|never) "
    r"(?:returned|come back|gone back)|did not return|no plans to (?:go home|return)|"
    r"не вернул\w*|не возвраща\w*|не выехал\w* обратно|did not leave again|возврат\w* (?:налог|"
    r"кредит|средств|денег|НДС|долг))",
    _I,
)
ABROAD = re.compile(
    r"\b(?:(?:remain|remains|remained|stay|stayed|staying|live|lives|living|reside|residing|"
    r"are|were|still)\s+abroad|abroad (?:now|today|still|in total)|diaspora|outside (?:of )?russia|"
    r"(?:emigrants?|[eé]migr[eé]s|russians|citizens|nationals)\s+(?:(?:now|still|living)\s+)?"
    r"abroad|"
    r"outside the country|(?:host|hosts|hosted|is home to|are home to)\b|"
    r"(?:working|living|based) (?:remotely )?(?:from|in) [A-Z]\w+|"
    r"работа\w*\s+(?:\w+\s+){0,2}?(?:из|в)\s+[А-ЯЁ]\w+|"
    r"(?:live|lives|living|reside|residing|settled|are now|remain|remains|"
    r"remained|stayed|still) in [A-Z]\w+|live there|still (?:live|living)|remain(?:s|ed)?\b|"
    r"(?:have |had )?settled in|call \w+ home|communit(?:y|ies)|newcomers|new (?:\w+ )?residents|"
    r"registered (?:their |as )?(?:residence|living)|(?:are|were|is|was) registered in [A-Z]\w+|"
    r"number (?=about|some|around|roughly|\d)|"
    r"(?:not|never) (?:returned|come back|gone back)|"
    r"(?:остают\w*|остал\w*|остались|живут|проживают|находятся|находится|жив[уё]т)\s+"
    r"(?:за рубежом|за границей|вне россии|за пределами)|диаспор\w*|"
    r"(?:находятся|находится|находил\w+|находящ\w+|проживают|проживает|проживал\w*|"
    r"проживающ\w+|живущ\w+|живут|живет|живёт|"
    r"осели|осевш\w*|обосновал\w*|остают\w*|остал\w*|"
    r"остава\w+|оставал\w+|общин\w*|насчитыва\w+|не вернул\w*|не возвраща\w*|"
    r"зарегистрирован\w*|зарегистрировал\w* по месту|новых (?:\w+ )?жител\w*)\b|"
    r"(?:за рубежом|за границей)\s+(?:оста\w+|прожива\w+|наход\w+|жив\w+)|"
    r"за пределами страны|всего за рубежом)",
    _I,
)
#: "left and never came back": those counted are still abroad.
NEVER_BACK = re.compile(r"\b(?:and|и)\s+(?:have\s+|had\s+)?(?:not|never|не)\s+"
                        r"(?:returned|come back|came back|вернул\w*|возвраща\w*)", _I)
#: Stock words that say nothing about where people are ("figures remain uncertain").
NOT_ABROAD = re.compile(r"\bremain(?:s|ed)? (?:unclear|uncertain|unknown|disputed|high|low|"
                        r"open|to be seen)\b", _I)
#: A company's or sector's own staff after a share ("30% of its staff").
STAFF = re.compile(r"^\s*(?:of\s+)?(?:its\s+|their\s+|the\s+)?(?:staff|employees|workers|"
                   r"specialists|professionals|специалист\w*|"
                   r"workforce|personnel|сотрудник\w*|работник\w*|персонал\w*|штат\w*)", _I)
#: Words for who was counted that mention leaving without being the clause's verb
#: ("those who fled", «уехавших»): they name the population of a stock or a return.
LEAVERS = re.compile(
    r"\b(?:(?:those |people |russians |citizens |men |who )*who (?:had )?(?:left|fled|emigrated|"
    r"departed|moved abroad)|emigrants?|emigr[eé]s|leavers|exiles|relocants|"
    r"уехавш\w*|покинувш\w*|бежавш\w*|эмигрировавш\w*|выехавш\w*|релокант\w*|эмигрант\w*|"
    r"переехавш\w*|уехавш\w*)",
    _I,
)
WORKFORCE = re.compile(
    r"\b(?:(?:loss|losses|shortage|outflow) of (?:workers|labou?r|staff)|"
    r"workforce|labou?r force|working[- ]age|labou?r market|labou?r shortage|"
    r"рабоч\w* сил\w*|трудоспособн\w*|трудов\w* ресурс\w*|экономически активн\w*|"
    r"дефицит\w* кадров|(?<=% )занят\w+|(?<=% )(?:the )?employed)",
    _I,
)
SECTOR = re.compile(
    r"\b(?:IT[- ](?:specialists?|workers?|professionals?|sector|industry|employees|staff)|"
    r"tech (?:workers|sector|industry|specialists)|programmers?|software (?:engineers|"
    r"developers)|developers|engineers|"
    r"doctors|physicians|scientists|researchers|teachers|academics|"
    r"айтишник\w*|(?:ИТ|IT|айти)[- ]специалист\w*|программист\w*|разработчик\w*|"
    r"врач\w*|медик\w*|учён\w*|ученых|ученые|инженер\w*|(?:ИТ|IT)[- ]отрасл\w*|"
    r"(?:ИТ|IT)[- ]сектор\w*|преподавател\w*|"
    r"специалист\w*\s+(?:в\s+)?(?:сфер\w+|област\w+|отрасл\w+)\s+(?:IT|ИТ|айти|"
    r"информационных технологий))",
    _I,
)
SURVEY_BEFORE = re.compile(
    r"(?:survey(?:ed)?|poll(?:ed)?|questionnaire|interview(?:ed)?|study|sample)"
    r"(?:\s+(?:of|among|with))?\s+(?:some\s+|about\s+|more than\s+|over\s+)?$|"
    r"(?:опрос\w*|анкетирован\w*|исследовани\w*|выборк\w*)\s+(?:\w+\s+){0,2}$|"
    r"(?:принял\w*|приняли)\s+участие\s+(?:в\s+(?:опросе|исследовании)\s+)?"
    r"(?:около\s+|более\s+|свыше\s+|почти\s+)?$|(?:опросил\w*|опрошен\w*)\s+"
    r"(?:около\s+|более\s+|свыше\s+)?$",
    _I,
)
SURVEY_AFTER = re.compile(
    r"^\s*(?:respondents|participants|people (?:surveyed|polled|interviewed)|"
    r"(?:\w+\s+){0,3}(?:took part|participated)\b|(?:\S+\s+){0,3}(?:принял\w*|приняли)\s+"
    r"участие|"
    r"респондент\w*|опрошенн\w*|участник\w* (?:опроса|исследования)|(?:\w+\s+){0,3}"
    r"(?:surveyed|polled|interviewed))",
    _I,
)
PERMITS = re.compile(
    r"\b(?:(?:first )?residen(?:ce|cy) permits?|work permits?|visas?|passports?|"
    r"citizenships?|ВНЖ|вид\w* на жительство|разрешени\w* на (?:временное проживание|работу|"
    r"жительство)|РВП|паспорт\w*|гражданств\w*|виз\b|визы|ПМЖ)",
    _I,
)
ENTERED = re.compile(r"\b(?:entered|crossed into|arrived in|въехал\w*|прибыл\w*)", _I)
CROSSINGS = re.compile(
    r"\b(?:border crossings?|crossings|trips|exits|journeys|entries|"
    r"выезд\w*|пересечени\w*|поездок|поездки|въезд\w*)",
    _I,
)
BORDER_STATS = re.compile(r"\b(?:FSB|border (?:service|guard)s?|ФСБ|погранслужб\w*|"
                          r"пограничн\w+ служб\w*)", _I)
PER_DAY = re.compile(r"\b(?:per day|a day|each day|daily|every day|в день|в сутки|ежедневно|"
                     r"за сутки|каждый день)", _I)
INTENT = re.compile(
    r"\b(?:plan(?:s|ned|ning)? to|intend\w* to|want(?:s|ed)? to|consider\w* (?:leaving|"
    r"emigrat)|would like to|thinking (?:of|about)|dream\w* of|ready to|"
    r"планиру\w*|собира\w*|хотел\w*|хотят|хочет|намерен\w*|готов\w* (?:уехать|вернуться)|"
    r"думают|задумыва\w*|мечта\w*)",
    _I,
)
NON_MIGRATION = re.compile(
    r"\b(?:tax\w*|premiums?|rates?|inflation|GDP|salar\w*|wages?|rent\w*|prices?|interest|"
    r"budget|revenue|approval|turnout|votes?|poll(?:ing)? numbers|support(?:ed|s)? (?:the|for)|"
    r"налог\w*|взнос\w*|ставк\w*|инфляц\w*|ВВП|зарплат\w*|доход\w*|аренд\w*|цен\w*|бюджет\w*|"
    r"рейтинг\w*|поддерж\w*|явк\w*)",
    _I,
)
PEOPLE_AFTER = re.compile(
    r"^\s*(?:(?:young|highly[- ]skilled|skilled|educated|more|other|wartime|russian|ordinary|"
    r"молод\w*|квалифицированн\w*|российск\w*)\s+)*"
    r"(?:people|persons|russians|citizens|emigr\w*|migrants|residents|workers|specialists|"
    r"men|women|individuals|relocants|relokanti|nationals|"
    r"человек|чел\.|россиян\w*|граждан\w*|эмигрант\w*|мигрант\w*|жител\w*|специалист\w*|"
    r"релокант\w*|мужчин\w*|женщин\w*|уехавш\w*|работник\w*|сотрудник\w*)",
    _I,
)
OTHER_NATIONALS = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:ukrainians|ukrainian refugees|refugees from ukraine|"
    r"украинц\w*|беженц\w* (?:из|с) украин\w*|украинск\w* беженц\w*)", _I
)
HISTORICAL = re.compile(
    r"\b(?:revolution|civil war|soviet union|USSR|1990s|1920s|the nineties|perestroika|"
    r"white emigration|революци\w*|гражданск\w* войн\w*|СССР|советск\w* союз\w*|"
    r"девяност\w*|90-[хе]|перестройк\w*|белая эмиграция)",
    _I,
)
#: Historical eras that date a comparison figure: (pattern, first year, last year).
ERAS: tuple[tuple[re.Pattern[str], int, int], ...] = (
    (re.compile(r"revolution|civil war|революци|гражданск\w* войн|белая эмиграция", _I), 1917,
     1922),
    (re.compile(r"fall of the soviet union|collapse of the (?:soviet union|USSR)|1990s|"
                r"nineties|распад\w* (?:СССР|советского)|девяност|90-[хе]", _I), 1991, 1999),
    (re.compile(r"soviet union|USSR|СССР|советск", _I), 1922, 1991),
)
