"""Countries: names, demonyms and capitals mapped to ISO 3166-1 alpha-3 codes.

A small hand-kept gazetteer, enough for news text: each country's usual English names, its
demonyms/adjectives ("North Korean"), its capital (used for the state: "Moscow said…") and a
few large cities. US states map to USA. Lookups are case-sensitive on the cleaned span text
(proper nouns), with a casefolded fallback. `place` decides what a name *is* (it may turn a
span the model called a person into a place), so it stays this small table; `place_iso3` only
gives the country of a span already known to be a place, and also looks in GeoNames' cities,
US states and counties (`data/places.tsv.gz`) and in every country's first-level divisions
(`data/divisions.tsv.gz`).
"""

from __future__ import annotations

from dataclasses import dataclass

# ISO3 | canonical name | other names | demonyms and adjectives | capital | other cities
# (a country may take several lines; later lines add names)
_TABLE = """
AFG|Afghanistan||Afghan;Afghans;Afghani|Kabul|Kandahar
ALB|Albania||Albanian;Albanians|Tirana|
DZA|Algeria||Algerian;Algerians|Algiers|
AGO|Angola||Angolan;Angolans|Luanda|
ARG|Argentina||Argentine;Argentinian;Argentines;Argentinians|Buenos Aires|
ARM|Armenia||Armenian;Armenians|Yerevan|
AUS|Australia||Australian;Australians|Canberra|Sydney;Melbourne;Brisbane;Perth
AUT|Austria||Austrian;Austrians|Vienna|
AZE|Azerbaijan||Azerbaijani;Azerbaijanis;Azeri|Baku|
BHR|Bahrain||Bahraini;Bahrainis|Manama|
BGD|Bangladesh||Bangladeshi;Bangladeshis|Dhaka|
BLR|Belarus||Belarusian;Belarusians|Minsk|
BEL|Belgium||Belgian;Belgians|Brussels|Antwerp
BOL|Bolivia||Bolivian;Bolivians|La Paz;Sucre|
BIH|Bosnia and Herzegovina|Bosnia|Bosnian;Bosnians|Sarajevo|
BRA|Brazil||Brazilian;Brazilians|Brasilia;Brasília|Rio de Janeiro;Sao Paulo;São Paulo
BGR|Bulgaria||Bulgarian;Bulgarians|Sofia|
KHM|Cambodia||Cambodian;Cambodians|Phnom Penh|
CMR|Cameroon||Cameroonian;Cameroonians|Yaounde|
CAN|Canada||Canadian;Canadians|Ottawa|Toronto;Montreal;Vancouver
CHL|Chile||Chilean;Chileans|Santiago|
CHN|China|People's Republic of China;PRC;mainland China|Chinese|Beijing|Shanghai;Wuhan
CHN|China||||Shenzhen;Guangzhou
COL|Colombia||Colombian;Colombians|Bogota;Bogotá|
COD|Democratic Republic of Congo|DRC;Democratic Republic of the Congo;DR Congo|Congolese|Kinshasa|
CRI|Costa Rica||Costa Rican;Costa Ricans|San Jose|
HRV|Croatia||Croatian;Croatians;Croat;Croats|Zagreb|
CUB|Cuba||Cuban;Cubans|Havana|
CYP|Cyprus||Cypriot;Cypriots|Nicosia|
CZE|Czech Republic|Czechia|Czech;Czechs|Prague|
DNK|Denmark||Danish;Dane;Danes|Copenhagen|
ECU|Ecuador||Ecuadorian;Ecuadorians|Quito|
EGY|Egypt||Egyptian;Egyptians|Cairo|Alexandria
SLV|El Salvador||Salvadoran;Salvadorans|San Salvador|
ERI|Eritrea||Eritrean;Eritreans|Asmara|
EST|Estonia||Estonian;Estonians|Tallinn|
ETH|Ethiopia||Ethiopian;Ethiopians|Addis Ababa|
FIN|Finland||Finnish;Finn;Finns|Helsinki|
FRA|France||French;Frenchman;Frenchwoman|Paris|Marseille;Lyon
GEO|Georgia (country)||Georgian;Georgians|Tbilisi|
DEU|Germany||German;Germans|Berlin|Munich;Frankfurt;Hamburg
GHA|Ghana||Ghanaian;Ghanaians|Accra|
GRC|Greece||Greek;Greeks|Athens|
GTM|Guatemala||Guatemalan;Guatemalans|Guatemala City|
HTI|Haiti||Haitian;Haitians|Port-au-Prince|
HND|Honduras||Honduran;Hondurans|Tegucigalpa|
HKG|Hong Kong|||Hong Kong|
HUN|Hungary||Hungarian;Hungarians|Budapest|
ISL|Iceland||Icelandic;Icelander;Icelanders|Reykjavik|
IND|India||Indian;Indians|New Delhi|Delhi;Mumbai;Bangalore;Kolkata;Chennai
IDN|Indonesia||Indonesian;Indonesians|Jakarta|
IRN|Iran|Islamic Republic of Iran|Iranian;Iranians;Persian|Tehran|
IRQ|Iraq||Iraqi;Iraqis|Baghdad|Mosul;Basra
IRL|Ireland|Republic of Ireland|Irish|Dublin|
ISR|Israel||Israeli;Israelis|Jerusalem|Tel Aviv
ITA|Italy||Italian;Italians|Rome|Milan;Naples
JPN|Japan||Japanese|Tokyo|Osaka
JOR|Jordan||Jordanian;Jordanians|Amman|
KAZ|Kazakhstan||Kazakh;Kazakhs;Kazakhstani|Astana|Almaty
KEN|Kenya||Kenyan;Kenyans|Nairobi|
PRK|North Korea|DPRK;Democratic People's Republic of Korea|North Korean;North Koreans|Pyongyang|
KOR|South Korea|Republic of Korea;ROK|South Korean;South Koreans|Seoul|Busan
XKX|Kosovo||Kosovar;Kosovars|Pristina|
KWT|Kuwait||Kuwaiti;Kuwaitis|Kuwait City|
KGZ|Kyrgyzstan||Kyrgyz|Bishkek|
LAO|Laos||Laotian;Lao|Vientiane|
LVA|Latvia||Latvian;Latvians|Riga|
LBN|Lebanon||Lebanese|Beirut|
LBY|Libya||Libyan;Libyans|Tripoli|Benghazi
LTU|Lithuania||Lithuanian;Lithuanians|Vilnius|
LUX|Luxembourg||Luxembourgish|Luxembourg City|
MDG|Madagascar||Malagasy|Antananarivo|
MYS|Malaysia||Malaysian;Malaysians|Kuala Lumpur|
MLI|Mali||Malian;Malians|Bamako|
MEX|Mexico||Mexican;Mexicans|Mexico City|Guadalajara;Tijuana
MDA|Moldova||Moldovan;Moldovans|Chisinau|
MNG|Mongolia||Mongolian;Mongolians|Ulaanbaatar|
MAR|Morocco||Moroccan;Moroccans|Rabat|Casablanca
MOZ|Mozambique||Mozambican;Mozambicans|Maputo|
MMR|Myanmar|Burma|Myanmar;Burmese|Naypyidaw|Yangon
NPL|Nepal||Nepali;Nepalese|Kathmandu|
NLD|Netherlands|Holland;the Netherlands|Dutch|Amsterdam;The Hague|Rotterdam
NZL|New Zealand||New Zealander;New Zealanders;Kiwi|Wellington|Auckland
NIC|Nicaragua||Nicaraguan;Nicaraguans|Managua|
NER|Niger||Nigerien;Nigeriens|Niamey|
NGA|Nigeria||Nigerian;Nigerians|Abuja|Lagos
MKD|North Macedonia|Macedonia|Macedonian;Macedonians|Skopje|
NOR|Norway||Norwegian;Norwegians|Oslo|
OMN|Oman||Omani;Omanis|Muscat|
PAK|Pakistan||Pakistani;Pakistanis|Islamabad|Karachi;Lahore
PSE|Palestine|Palestinian territories|Palestinian;Palestinians|Ramallah|
PAN|Panama||Panamanian;Panamanians|Panama City|
PRY|Paraguay||Paraguayan;Paraguayans|Asuncion|
PER|Peru||Peruvian;Peruvians|Lima|
PHL|Philippines|the Philippines|Filipino;Filipinos;Philippine|Manila|
POL|Poland||Polish;Pole;Poles|Warsaw|Krakow
PRT|Portugal||Portuguese|Lisbon|Porto
QAT|Qatar||Qatari;Qataris|Doha|
ROU|Romania||Romanian;Romanians|Bucharest|
RUS|Russia|Russian Federation|Russian;Russians|Moscow|St. Petersburg;Saint Petersburg
RWA|Rwanda||Rwandan;Rwandans|Kigali|
SAU|Saudi Arabia||Saudi;Saudis;Saudi Arabian|Riyadh|Jeddah
SEN|Senegal||Senegalese|Dakar|
SRB|Serbia||Serbian;Serbians;Serb;Serbs|Belgrade|
SGP|Singapore||Singaporean;Singaporeans|Singapore|
SVK|Slovakia||Slovak;Slovaks;Slovakian|Bratislava|
SVN|Slovenia||Slovenian;Slovenians;Slovene|Ljubljana|
SOM|Somalia||Somali;Somalis|Mogadishu|
ZAF|South Africa||South African;South Africans|Pretoria|Johannesburg;Cape Town
SSD|South Sudan||South Sudanese|Juba|
ESP|Spain||Spanish;Spaniard;Spaniards|Madrid|Barcelona
LKA|Sri Lanka||Sri Lankan;Sri Lankans|Colombo|
SDN|Sudan||Sudanese|Khartoum|
SWE|Sweden||Swedish;Swede;Swedes|Stockholm|
CHE|Switzerland||Swiss|Bern|Geneva;Zurich
SYR|Syria||Syrian;Syrians|Damascus|Aleppo;Idlib
TWN|Taiwan|Republic of China|Taiwanese|Taipei|
TJK|Tajikistan||Tajik;Tajiks|Dushanbe|
TZA|Tanzania||Tanzanian;Tanzanians|Dodoma|Dar es Salaam
THA|Thailand||Thai|Bangkok|
TUN|Tunisia||Tunisian;Tunisians|Tunis|
TUR|Turkey|Turkiye;Türkiye|Turkish;Turk;Turks|Ankara|Istanbul
TKM|Turkmenistan||Turkmen|Ashgabat|
UGA|Uganda||Ugandan;Ugandans|Kampala|
UKR|Ukraine|the Ukraine|Ukrainian;Ukrainians|Kyiv;Kiev|Kharkiv;Odesa;Odessa;Lviv;Mariupol
ARE|United Arab Emirates|UAE;Emirates|Emirati;Emiratis|Abu Dhabi|Dubai
GBR|United Kingdom|UK;U.K.;Britain;Great Britain|British;Briton;Britons|London|
GBR|United Kingdom||English;Scottish;Welsh||Manchester;Birmingham;Liverpool
GBR|United Kingdom||||Edinburgh;Glasgow
USA|United States|US;U.S.;USA;U.S.A.;America;United States of America|American;Americans|Washington|
USA|United States|the United States;the US;the U.S.||Washington, D.C.;Washington D.C.|
USA|United States||||New York;New York City;Los Angeles;Chicago;Houston;San Francisco;Boston
USA|United States||||Miami;Dallas;Seattle;Atlanta;Detroit;Indianapolis;Fort Worth;McAllen
USA|United States||||Las Vegas;Philadelphia;Phoenix
URY|Uruguay||Uruguayan;Uruguayans|Montevideo|
UZB|Uzbekistan||Uzbek;Uzbeks|Tashkent|
VEN|Venezuela||Venezuelan;Venezuelans|Caracas|
VNM|Vietnam|Viet Nam|Vietnamese|Hanoi|Ho Chi Minh City
YEM|Yemen||Yemeni;Yemenis|Sanaa|Aden
ZMB|Zambia||Zambian;Zambians|Lusaka|
ZWE|Zimbabwe||Zimbabwean;Zimbabweans|Harare|
"""

US_STATES = (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida "
    "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland "
    "Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada "
    "New_Hampshire New_Jersey New_Mexico North_Carolina North_Dakota Ohio Oklahoma Oregon "
    "Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont "
    "Virginia West_Virginia Wisconsin Wyoming"
)
UK_NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
# the Palestinian territories' two parts, places of their own in Palestine as the nations
# are in the UK (news names "the West Bank" beside "Palestine", not for it)
PALESTINIAN_TERRITORIES = ("West Bank", "Gaza Strip", "Gaza")
US_STATES_LIST = [name.replace("_", " ") for name in US_STATES.split()]
# AP-style abbreviations and postal codes of the states -> their names.
_STATE_CODES = (
    "Ala.|AL|Alabama Alaska|AK|Alaska Ariz.|AZ|Arizona Ark.|AR|Arkansas Calif.|CA|California "
    "Colo.|CO|Colorado Conn.|CT|Connecticut Del.|DE|Delaware Fla.|FL|Florida Ga.|GA|Georgia "
    "Hawaii|HI|Hawaii Idaho|ID|Idaho Ill.|IL|Illinois Ind.|IN|Indiana Iowa|IA|Iowa "
    "Kan.|KS|Kansas Ky.|KY|Kentucky La.|LA|Louisiana Maine|ME|Maine Md.|MD|Maryland "
    "Mass.|MA|Massachusetts Mich.|MI|Michigan Minn.|MN|Minnesota Miss.|MS|Mississippi "
    "Mo.|MO|Missouri Mont.|MT|Montana Neb.|NE|Nebraska Nev.|NV|Nevada N.H.|NH|New_Hampshire "
    "N.J.|NJ|New_Jersey N.M.|NM|New_Mexico N.Y.|NY|New_York N.C.|NC|North_Carolina "
    "N.D.|ND|North_Dakota Ohio|OH|Ohio Okla.|OK|Oklahoma Ore.|OR|Oregon Pa.|PA|Pennsylvania "
    "R.I.|RI|Rhode_Island S.C.|SC|South_Carolina S.D.|SD|South_Dakota Tenn.|TN|Tennessee "
    "Texas|TX|Texas Utah|UT|Utah Vt.|VT|Vermont Va.|VA|Virginia Wash.|WA|Washington "
    "W.Va.|WV|West_Virginia Wis.|WI|Wisconsin Wyo.|WY|Wyoming"
)
US_STATE_NAMES: dict[str, str] = {}
for _entry in _STATE_CODES.split():
    _ap, _postal, _name = _entry.split("|")
    for _form in (_ap, _ap.rstrip("."), _postal):
        US_STATE_NAMES.setdefault(_form, _name.replace("_", " "))


def us_state(abbreviation: str) -> str | None:
    """The state an abbreviation stands for ("S.C." -> South Carolina, "Minn." ->
    Minnesota, "SD" -> South Dakota), for spans already known to be places."""
    return US_STATE_NAMES.get(abbreviation) or US_STATE_NAMES.get(abbreviation + ".")


@dataclass(frozen=True)
class Place:
    """What a place name stands for: its country and whether it names the country itself."""

    iso3: str
    country: str  # canonical country name
    kind: str  # country | capital | city | state


_NAMES: dict[str, Place] = {}
_DEMONYMS: dict[str, Place] = {}
_BY_ISO3: dict[str, str] = {}


def _build() -> None:
    # US states first: in English news "Georgia" is more often the state than the country.
    for state in US_STATES_LIST:
        _NAMES[state] = Place("USA", "United States", "state")
    # the nations of the United Kingdom are places of their own that lie in it, as a US
    # state lies in the United States ("Scotland" is not another name of the UK)
    for nation in UK_NATIONS:
        _NAMES[nation] = Place("GBR", "United Kingdom", "state")
    for territory in PALESTINIAN_TERRITORIES:
        _NAMES[territory] = Place("PSE", "Palestine", "state")
    for line in _TABLE.strip().splitlines():
        iso3, name, others, demonyms, capitals, cities = line.split("|")
        canonical = name.replace(" (country)", "")
        _BY_ISO3[iso3] = canonical
        country = Place(iso3, canonical, "country")
        for alias in [canonical, *filter(None, others.split(";"))]:
            _NAMES.setdefault(alias, country)
        for word in filter(None, demonyms.split(";")):
            _DEMONYMS.setdefault(word, country)
        for capital in filter(None, capitals.split(";")):
            _NAMES.setdefault(capital, Place(iso3, canonical, "capital"))
        for city in filter(None, cities.split(";")):
            _NAMES.setdefault(city, Place(iso3, canonical, "city"))


_build()
_FOLDED_NAMES = {k.casefold(): v for k, v in _NAMES.items()}


def place(name: str) -> Place | None:
    """The place a proper name denotes (country, capital, city or US state), if known."""
    found = _NAMES.get(name)
    if found is None and not name.islower():
        found = _FOLDED_NAMES.get(name.casefold())
    return found


_DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "greater", "downtown", "upstate", "rural", "metro",
})  # fmt: skip


def place_iso3(name: str) -> str | None:
    """The country of a place name: the hand table, then GeoNames' cities, US states and
    counties ("Kalamazoo", "Berrien County"), the first-level divisions of ISO 3166-2
    ("New South Wales", "NSW"), a county named without the word ("Berrien"),
    the actor dictionary's states, or a known place after a direction ("West Michigan",
    "Northern California")."""
    from ._dictionaries import actor, city_countries, division_country, place_country

    if is_region(name):
        return None
    found = place(name)
    if found:
        return found.iso3
    country = place_country(name)
    if country:
        return country
    # a country's first-level division ("New South Wales", "NSW", "Ontario", "Bihar"),
    # unless towns of other countries bear its name too ("Victoria": `_place_alternatives`)
    division = division_country(name)
    if division and not city_countries(name) - {division}:
        return division
    # a county named without the word, unless the name is also a town abroad ("Victoria":
    # towns of eight countries and Victoria County, Texas, where an Australian story means
    # the state): such a name is placed by the story's country (`_place_alternatives`)
    county = place_country(f"{name} County")
    if county and not city_countries(name) - {county}:
        return county
    # a country or capital the hand table lacks ("Liechtenstein", "Vaduz"): the actor
    # dictionary's own entry for the state (no sector)
    state = actor(name)
    if state is not None and state.sector == "" and state.country:
        return state.country
    words = name.split()
    if len(words) > 1 and words[0].casefold() in _DIRECTIONS:
        return place_iso3(" ".join(words[1:]))
    return None


def demonym(word: str) -> Place | None:
    """The country of a demonym or adjective: "Russian" → Russia; plural forms included; a
    hyphenated one takes its last part ("Hungarian-American" → United States)."""
    found = _DEMONYMS.get(word)
    if found is None and "-" in word:
        found = _DEMONYMS.get(word.rsplit("-", 1)[1])
    return found


# Regions spanning several countries: no country (tests/gold/README.md).
REGIONS = frozenset({
    "asia", "europe", "africa", "north america", "south america", "latin america",
    "central america", "middle east", "the middle east", "asia-pacific", "asia pacific",
    "mediterranean", "the mediterranean", "arctic", "antarctica", "oceania", "caribbean",
    "the caribbean", "balkans", "the balkans", "scandinavia", "west", "the west", "east",
    "the gulf", "persian gulf", "sub-saharan africa", "southeast asia", "east asia",
    "south asia", "central asia", "western europe", "eastern europe", "the americas",
    "pacific", "atlantic", "indian ocean", "the pacific", "the atlantic", "eurozone",
})  # fmt: skip


# Celestial bodies lie in no country (tests/gold/README.md): the solar system's planets and
# its larger moons, which science news names as places ("water vapour on Europa").
CELESTIAL = frozenset({
    "sun", "moon", "the moon", "earth", "mercury", "venus", "mars", "jupiter", "saturn",
    "uranus", "neptune", "pluto", "ceres", "titan", "enceladus", "europa", "io", "ganymede",
    "callisto", "triton", "charon", "phobos", "deimos", "solar system", "the solar system",
    "milky way", "the milky way",
})  # fmt: skip


def is_region(name: str) -> bool:
    """A region spanning several countries: one of `REGIONS`, or one after a direction word
    ("North Africa", "western Europe", "the Middle East"), unless the whole is a country's
    name ("South Africa"); or a celestial body."""
    folded = " ".join(name.split()).casefold()
    if folded in REGIONS or folded in CELESTIAL:
        return True
    words = folded.removeprefix("the ").split()
    return (
        len(words) > 1
        and words[0] in _DIRECTIONS
        and " ".join(words[1:]) in REGIONS
        and place(name) is None
    )


def country_name(iso3: str) -> str | None:
    return _BY_ISO3.get(iso3)
