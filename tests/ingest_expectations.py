"""What a careful reader extracts from each test digest (tests/digests/), written by hand.

For every digest: the dated or quantified statements (`claims`: source, words of the phrase, value,
bound for a date), statements that may be read either way (`allowed`: found or not, neither counts),
the claims that must share a group (`together`) or stay apart (`apart`), the conflicts a reader would
flag (`conflicts`; `optional_conflicts` are defensible readings that are not required), and the events a
timeline should show (`events`: when, status, words of the title). Values keep the words' precision:
a date the digest prints without a year is XXXX-..., a relative date with no dated anchor is `?`.
Times of day, phone numbers, addresses, case numbers, scores, ordinals, the modal "may" and
superlatives ("the largest since 2009") are not claims: anything found there counts as invented.
"""

from __future__ import annotations

from ingest_scoring import DIGEST, RELATIVE, Expected, Q, Want

END, START = "end-date", "start-date"

COUNCIL = "Ashford Gazette", "Valley Radio"
council_election = Expected(
    "council_election.txt",
    claims={
        "election": Want(DIGEST, "4 May 2025", "2025-05-04", "target"),
        "registered": Want(DIGEST, "62,000 residents", Q(62000, "residents", approx=True)),
        "majority": Want(DIGEST, "50 percent", Q(None, "percent", low=50)),
        "runoff": Want(DIGEST, "May 18", "XXXX-05-18", "target"),
        "turnout_2021": Want(DIGEST, "38 percent", Q(38, "percent")),
        "runoff_kp": Want(DIGEST, "May 25", "XXXX-05-25", "target"),
        "candidates": Want(DIGEST, "Five candidates", Q(5, "candidates")),
        "registered_kp": Want(DIGEST, "61,500 residents", Q(61500, "residents", approx=True)),
        "deadline": Want(DIGEST, "April 14", "XXXX-04-14", "target"),
        "office": Want(DIGEST, "June 2", "XXXX-06-02", "target", prop=START),
        "term": Want(DIGEST, "four-year", Q(4, "years")),
        "candidates_headline": Want(COUNCIL[0], "five candidates", Q(5, "candidates")),
        "candidates_gazette": Want(COUNCIL[0], "Five candidates", Q(5, "candidates")),
        "sunday": Want(COUNCIL[0], "Sunday", RELATIVE),
        "turnout": Want(COUNCIL[0], "40 percent", Q(None, "percent", low=40)),
        "results": Want(COUNCIL[1], "Monday", "2025-05-05", "target"),
    },
    allowed=[
        Want(DIGEST, "47-year-old", Q(47, "years"), prop="age"),
        Want(DIGEST, "2021", "2021"),
        Want(COUNCIL[0], "16 years", Q(16, "years")),
        Want(DIGEST, "two members", Q(2, "members")),
    ],
    together=[("runoff", "runoff_kp"), ("registered", "registered_kp"), ("candidates", "candidates_gazette")],
    apart=[("turnout_2021", "turnout"), ("majority", "turnout")],
    conflicts=[("runoff", "runoff_kp")],
    events=[("2025-05-04", "scheduled", "election"), ("XXXX-05-18", "scheduled", "runoff")],
)

RESULTS = "Market Wire", "The Meridian Business Journal"
quarterly_results = Expected(
    "quarterly_results.txt",
    claims={
        "revenue": Want(DIGEST, "$1.08 billion", Q(1_080_000_000, "dollars")),
        "growth": Want(DIGEST, "12%", Q(12, "percent")),
        "forecast": Want(DIGEST, "$4.1 billion", Q(4_100_000_000, "dollars")),
        "forecast_old": Want(DIGEST, "$3.9 billion", Q(3_900_000_000, "dollars")),
        "profit": Want(DIGEST, "$142 million", Q(142_000_000, "dollars")),
        "cuts": Want(DIGEST, "1,500 jobs", Q(1500, "jobs", approx=True)),
        "workforce": Want(DIGEST, "6%", Q(6, "percent")),
        "cuts_by": Want(DIGEST, "end of March 2026", "2026-03-21/2026-03-31", "target"),
        "shares": Want(DIGEST, "9%", Q(9, "percent")),
        "thursday": Want(DIGEST, "Thursday", RELATIVE),
        "revenue_kp": Want(DIGEST, "$1.08 billion", Q(1_080_000_000, "dollars")),
        "estimates": Want(DIGEST, "$1.02 billion", Q(1_020_000_000, "dollars")),
        "cuts_kp": Want(DIGEST, "2,000 positions", Q(2000, "jobs")),
        "cuts_by_kp": Want(DIGEST, "March 2026", "2026-03", "target"),
        "dividend": Want(DIGEST, "35 cents", Q(35, "cents")),
        "payable": Want(DIGEST, "November 14", "XXXX-11-14", "target"),
        "revise": Want(DIGEST, "January", "XXXX-01", "target"),
        "margins": Want(DIGEST, "18 percent", Q(None, "percent", low=18)),
        "said": Want(RESULTS[0], "Thursday", "2025-10-16", "target"),
        "cuts_wire": Want(RESULTS[0], "1,500 jobs", Q(1500, "jobs")),
        "outlook_wire": Want(RESULTS[0], "$4.1 billion", Q(4_100_000_000, "dollars")),
        "sales": Want(RESULTS[0], "4%", Q(4, "percent")),
        "intraday": Want(RESULTS[1], "11%", Q(None, "percent", high=11)),
        "trading": Want(RESULTS[1], "Thursday", "2025-10-16", "target"),
        "close": Want(RESULTS[1], "9%", Q(9, "percent")),
        "price": Want(RESULTS[1], "$58.20", Q(58.2, "dollars")),
    },
    allowed=[
        Want(DIGEST, "September 30", "XXXX-09-30"),
        Want(DIGEST, "three months", Q(3, "months")),
        Want(DIGEST, "2026", "2026"),
    ],
    together=[
        ("cuts", "cuts_kp", "cuts_wire"),
        ("revenue", "revenue_kp"),
        ("forecast", "outlook_wire"),
        ("cuts_by", "cuts_by_kp"),
    ],
    apart=[
        ("revenue", "estimates"),
        ("growth", "workforce"),
        ("growth", "shares"),
        ("workforce", "shares"),
        ("shares", "sales"),
        ("growth", "margins"),
        ("revenue", "profit"),
    ],
    conflicts=[("cuts", "cuts_kp"), ("forecast_old", "forecast")],
    events=[("2026-03-21/2026-03-31", "scheduled", "2,000 positions")],
)

TRIAL = "Brookfield Courier", "Channel 7 News"
fraud_trial = Expected(
    "fraud_trial.txt",
    claims={
        "friday": Want(DIGEST, "Friday", RELATIVE),
        "counts": Want(DIGEST, "14 counts", Q(14, "counts")),
        "diverted": Want(DIGEST, "$3.2 million", Q(3_200_000, "dollars")),
        "period": Want(DIGEST, "between 2017 and 2021", "2017/2021", "target"),
        "sentencing": Want(DIGEST, "3 March 2025", "2025-03-03", "target"),
        "prison": Want(DIGEST, "20 years", Q(None, "years", high=20)),
        "accounts": Want(DIGEST, "37 shell accounts", Q(37, "accounts")),
        "appeal": Want(DIGEST, "within 30 days", RELATIVE),
        "charged": Want(DIGEST, "16 counts", Q(16, "counts")),
        "sentencing_kp": Want(DIGEST, "March 10", "XXXX-03-10", "target"),
        "restitution": Want(DIGEST, "$3 million", Q(3_000_000, "dollars", approx=True)),
        "headline": Want(TRIAL[0], "$3.2 million", Q(3_200_000, "dollars")),
        "convicted": Want(TRIAL[0], "Friday", RELATIVE),
        "trial_began": Want(TRIAL[0], "December 2", "XXXX-12-02", "target", prop=START),
        "said": Want(TRIAL[1], "Friday", RELATIVE),
        "appeal_tv": Want(TRIAL[1], "within 30 days", RELATIVE),
        "bond": Want(TRIAL[1], "$250,000", Q(250_000, "dollars")),
    },
    allowed=[
        Want(DIGEST, "14", Q(14, "counts")),
        Want(DIGEST, "two", Q(2, "counts")),
        Want(TRIAL[0], "nine hours", Q(9, "hours")),
        Want(TRIAL[0], "two days", Q(2, "days")),
    ],
    together=[("sentencing", "sentencing_kp"), ("diverted", "headline")],
    apart=[("diverted", "restitution"), ("counts", "charged")],
    conflicts=[("sentencing", "sentencing_kp")],
    events=[("2025-03-03", "scheduled", "sentencing"), ("2017/2021", "occurred", "")],
)

STORM = "Gulf Weather Network", "Coastal Post"
hurricane_lena = Expected(
    "hurricane_lena.txt",
    claims={
        "strengthened": Want(DIGEST, "Wednesday", RELATIVE),
        "landfall": Want(DIGEST, "Thursday", RELATIVE),
        "winds": Want(DIGEST, "215 km/h", Q(None, "km/h", high=215)),
        "evacuate": Want(DIGEST, "1.2 million people", Q(1_200_000, "people", approx=True)),
        "shelters": Want(DIGEST, "340 shelters", Q(340, "shelters")),
        "outage": Want(DIGEST, "200,000 homes", Q(None, "homes", low=200_000)),
        "outage_when": Want(DIGEST, "Wednesday", RELATIVE),
        "schools": Want(DIGEST, "September 15", "XXXX-09-15", "target", prop=END),
        "landfall_kp": Want(DIGEST, "September 12", "XXXX-09-12", "target"),
        "rain": Want(DIGEST, "400 millimetres", Q(None, "millimetres", high=400)),
        "residents": Want(DIGEST, "900,000 residents", Q(900_000, "residents", approx=True)),
        "reassess": Want(DIGEST, "Saturday", RELATIVE),
        "said": Want(STORM[0], "Wednesday", "2025-09-10", "target"),
        "landfall_wire": Want(STORM[0], "Friday", "2025-09-12", "target"),
        "surge": Want(STORM[0], "3 to 4 metres", Q(None, "metres", low=3, high=4)),
        "outage_headline": Want(STORM[1], "150,000 homes", Q(150_000, "homes")),
        "outage_post": Want(STORM[1], "150,000 homes", Q(150_000, "homes", approx=True)),
        "outage_post_when": Want(STORM[1], "Wednesday", "2025-09-10", "target"),
    },
    allowed=[
        Want(DIGEST, "48 hours", Q(48, "hours")),
        Want(DIGEST, "next week", RELATIVE),
        Want(DIGEST, "three counties", Q(3, "counties")),
        Want(STORM[1], "12 states", Q(12, "states")),
    ],
    together=[("landfall_kp", "landfall_wire"), ("outage", "outage_post", "outage_headline")],
    apart=[("evacuate", "residents"), ("outage", "shelters")],
    conflicts=[("outage", "outage_post")],
    events=[("2025-09-12", "projected", "landfall")],
)

MEASLES = "Valdera Herald", "Radio Valdera"
measles_outbreak = Expected(
    "measles_outbreak.txt",
    claims={
        "cases": Want(DIGEST, "128 confirmed cases", Q(128, "cases")),
        "cases_before": Want(DIGEST, "96", Q(96, "cases")),
        "tuesday": Want(DIGEST, "Tuesday", RELATIVE),
        "patients": Want(DIGEST, "23 patients", Q(23, "patients")),
        "began": Want(DIGEST, "early February 2025", "2025-02-01/2025-02-10", "target", prop=START),
        "campaign": Want(DIGEST, "end of May", "XXXX-05-21/XXXX-05-31", "target", prop=END),
        "cases_kp": Want(DIGEST, "128 confirmed cases", Q(128, "cases")),
        "clinics": Want(DIGEST, "June 15", "XXXX-06-15", "target", prop=END),
        "coverage": Want(DIGEST, "81%", Q(81, "percent")),
        "target": Want(DIGEST, "95%", Q(95, "percent")),
        "peak": Want(DIGEST, "in May", "XXXX-05", "target"),
        "mid_may": Want(DIGEST, "mid-May", "XXXX-05-11/XXXX-05-20", "target"),
        "herald_tuesday": Want(MEASLES[0], "Tuesday", RELATIVE),
        "clinic": Want(MEASLES[0], "April 22", "XXXX-04-22", "target", prop=START),
        "hospitalised": Want(MEASLES[1], "23 hospitalised patients", Q(23, "patients")),
        "since": Want(MEASLES[1], "February", "2025?-02", "target"),
    },
    allowed=[
        Want(DIGEST, "200", Q(None, "cases", low=200)),
        Want(MEASLES[0], "128", Q(128, "cases")),
        Want(MEASLES[1], "two years old", Q(None, "years", high=2), prop="age"),
        Want(MEASLES[1], "12", Q(12, "patients")),
        Want(DIGEST, "a week ago", RELATIVE),
        Want(DIGEST, "last year", RELATIVE),
    ],
    together=[("cases", "cases_kp"), ("campaign", "clinics"), ("patients", "hospitalised")],
    apart=[("coverage", "target")],
    conflicts=[("campaign", "clinics"), ("cases_before", "cases")],
    events=[("2025-02-01/2025-02-10", "occurred", "outbreak")],
)

CUP = "Sports Daily", "City Times"
cup_final = Expected(
    "cup_final.txt",
    claims={
        "saturday": Want(DIGEST, "Saturday", RELATIVE),
        "crowd": Want(DIGEST, "82,000 fans", Q(82000, "fans")),
        "prize": Want(DIGEST, "£4.5 million", Q(4_500_000, "pounds")),
        "attendance": Want(DIGEST, "85,000 fans", Q(None, "fans", low=85000)),
        "tickets": Want(DIGEST, "between £45 and £120", Q(None, "pounds", low=45, high=120)),
        "parade": Want(DIGEST, "June 16", "XXXX-06-16", "target"),
        "contract": Want(DIGEST, "until 2028", "2028", "target", prop=END),
        "supporters": Want(DIGEST, "100,000 supporters", Q(None, "supporters", high=100_000)),
        "won": Want(CUP[0], "Saturday", "2025-06-14", "target"),
        "parade_times": Want(CUP[1], "Monday", "2025-06-16", "target"),
        "people": Want(CUP[1], "100,000 people", Q(None, "people", high=100_000)),
    },
    allowed=[
        Want(CUP[0], "27-year", Q(27, "years")),
        Want(DIGEST, "5,000", Q(5000, "seats")),
    ],
    together=[("crowd", "attendance"), ("parade", "parade_times")],
    apart=[("prize", "tickets")],
    conflicts=[("crowd", "attendance")],
    events=[("2025-06-16", "scheduled", "parade")],
)

PORT = "The Economic Review", "National Wire"
port_strike = Expected(
    "port_strike.txt",
    claims={
        "hours": Want(DIGEST, "72-hour", Q(72, "hours")),
        "monday": Want(DIGEST, "Monday", RELATIVE),
        "workers": Want(DIGEST, "14,000 workers", Q(14000, "workers", approx=True)),
        "until": Want(DIGEST, "March 20", "XXXX-03-20", "target", prop=END),
        "offer": Want(DIGEST, "6.5%", Q(6.5, "percent")),
        "demand": Want(DIGEST, "9%", Q(9, "percent")),
        "share": Want(DIGEST, "40 percent", Q(40, "percent", approx=True)),
        "until_kp": Want(DIGEST, "March 27", "XXXX-03-27", "target", prop=END),
        "vote": Want(DIGEST, "April", "XXXX-04", "target"),
        "ships": Want(DIGEST, "120 ships", Q(None, "ships", low=120)),
        "evening": Want(DIGEST, "Monday", RELATIVE),
        "talks": Want(DIGEST, "Thursday", RELATIVE),
        "cost": Want(DIGEST, "€300 million", Q(None, "euros", high=300_000_000)),
        "settle": Want(PORT[0], "end of the week", RELATIVE),
        "sunday": Want(PORT[0], "Sunday", RELATIVE),
        "offer_review": Want(PORT[0], "6.5%", Q(6.5, "percent")),
        "dockworkers": Want(PORT[1], "15,000 dockworkers", Q(15000, "dockworkers", approx=True)),
        "walked": Want(PORT[1], "Monday", "2025-03-17", "target"),
        "anchor": Want(PORT[1], "130 ships", Q(130, "ships")),
    },
    allowed=[
        Want(DIGEST, "three years", Q(3, "years")),
        Want(DIGEST, "this year", RELATIVE),
        Want(PORT[0], "87%", Q(87, "percent")),
        Want(PORT[0], "13%", Q(13, "percent")),
        Want(DIGEST, "three largest ports", Q(3, "ports")),
    ],
    together=[("until", "until_kp"), ("ships", "anchor")],
    apart=[("offer", "demand"), ("offer", "share"), ("demand", "share")],
    conflicts=[("until", "until_kp")],
    events=[("XXXX-03-20", "scheduled", "walkout"), ("XXXX-03-27", "scheduled", "strike")],
)

BUDGET = "Marlow Record", "Civic Beat"
city_budget = Expected(
    "city_budget.txt",
    claims={
        "budget": Want(DIGEST, "$3.4 billion", Q(3_400_000_000, "dollars")),
        "tuesday": Want(DIGEST, "Tuesday", RELATIVE),
        "rise": Want(DIGEST, "4.5%", Q(4.5, "percent")),
        "officers": Want(DIGEST, "120 police officers", Q(120, "officers")),
        "tax": Want(DIGEST, "2 percent", Q(2, "percent")),
        "deficit": Want(DIGEST, "$85 million", Q(85_000_000, "dollars")),
        "close_by": Want(DIGEST, "before July 1", "XXXX-07-01", "not_after"),
        "freeze": Want(DIGEST, "until October", "XXXX-10", "not_before", prop=END),
        "total_kp": Want(DIGEST, "$3.2 billion", Q(3_200_000_000, "dollars")),
        "schools": Want(DIGEST, "$410 million", Q(410_000_000, "dollars")),
        "officers_kp": Want(DIGEST, "120 new officers", Q(120, "officers")),
        "homeowner": Want(DIGEST, "$96", Q(96, "dollars", approx=True)),
        "deficit_kp": Want(DIGEST, "$110 million", Q(110_000_000, "dollars")),
        "deficit_before": Want(DIGEST, "$85 million", Q(85_000_000, "dollars")),
        "review": Want(DIGEST, "June 30, 2025", "2025-06-30", "target"),
        "voted": Want(BUDGET[0], "Tuesday", "2025-06-10", "target"),
        "effect": Want(BUDGET[0], "July 1", "2025?-07-01", "target", prop=START),
        "plan": Want(BUDGET[1], "$3.4 billion", Q(3_400_000_000, "dollars")),
        "signed": Want(BUDGET[1], "Thursday", RELATIVE),
        "increase": Want(BUDGET[1], "4.5%", Q(4.5, "percent")),
    },
    allowed=[
        Want(DIGEST, "2,150", Q(2150, "officers")),
        Want(DIGEST, "in May", "XXXX-05"),
        Want(BUDGET[1], "200 more officers", Q(200, "officers")),
        Want(BUDGET[1], "next May", "XXXX-05"),
        Want(BUDGET[1], "next May", RELATIVE),
        Want(DIGEST, "2026", "2026"),
    ],
    together=[("officers", "officers_kp"), ("rise", "increase"), ("deficit", "deficit_kp")],
    apart=[("budget", "schools"), ("deficit", "schools"), ("rise", "tax"), ("homeowner", "schools")],
    conflicts=[("budget", "total_kp"), ("deficit_before", "deficit_kp"), ("deficit", "deficit_kp")],
    events=[("2025-06-30", "scheduled", "review")],
)

HEAT = "Reuters", "El País"
heat_wave = Expected(
    "heat_wave.txt",
    claims={
        "peak": Want(DIGEST, "late July", "XXXX-07-21/XXXX-07-31", "target"),
        "temperature": Want(DIGEST, "40 degrees", Q(None, "degrees", low=40)),
        "reserves": Want(DIGEST, "12 gigawatts", Q(12, "gigawatts", approx=True)),
        "reserves_before": Want(DIGEST, "15 gigawatts", Q(15, "gigawatts")),
        "blackouts": Want(DIGEST, "August 2025", "2025-08", "not_before"),
        "measures": Want(DIGEST, "end of September", "XXXX-09-21/XXXX-09-30", "target", prop=END),
        "peak_kp": Want(DIGEST, "late July", "XXXX-07-21/XXXX-07-31", "target"),
        "demand": Want(DIGEST, "480 gigawatts", Q(None, "gigawatts", high=480)),
        "reserves_kp": Want(DIGEST, "12 gigawatts", Q(12, "gigawatts", approx=True)),
        "reserves_kp_before": Want(DIGEST, "15 gigawatts", Q(15, "gigawatts")),
        "measures_kp": Want(DIGEST, "end of August", "XXXX-08-21/XXXX-08-31", "target", prop=END),
        "solar": Want(DIGEST, "30,000 megawatts", Q(30000, "megawatts")),
        "since": Want(DIGEST, "2022", "2022", "target"),
        "said": Want(HEAT[0], "Monday", RELATIVE),
        "demand_wire": Want(HEAT[0], "470 gigawatts", Q(470, "gigawatts")),
        "peak_wire": Want(HEAT[0], "last week of July", "XXXX-07-25/XXXX-07-31", "target"),
        "reserves_wire": Want(HEAT[0], "11 gigawatts", Q(11, "gigawatts", approx=True)),
        "centres": Want(HEAT[1], "through August", "XXXX-08", "target", prop=END),
        "centres_count": Want(HEAT[1], "2000 cooling centres", Q(2000, "centres")),
        "centres_until": Want(HEAT[1], "September 15", "XXXX-09-15", "target", prop=END),
        "emergency": Want(HEAT[1], "two months", Q(2, "months")),
    },
    together=[
        ("measures", "measures_kp"),
        ("reserves", "reserves_kp", "reserves_wire"),
        ("peak", "peak_kp"),
        ("demand", "demand_wire"),
        ("centres", "centres_until"),
    ],
    apart=[("reserves", "demand"), ("reserves", "solar"), ("measures", "centres")],
    conflicts=[
        ("measures", "measures_kp"),
        ("centres", "centres_until"),
        ("reserves_before", "reserves"),
        ("reserves_kp_before", "reserves_kp"),
    ],
    events=[
        ("XXXX-07-21/XXXX-07-31", "projected", "demand"),
        ("2025-08", "projected", "blackout"),
        ("XXXX-09-21/XXXX-09-30", "scheduled", "measures"),
    ],
)

VOTE = "Kestria Daily", "The Northern Ledger"
kestria_vote = Expected(
    "kestria_vote.txt",
    claims={
        "election": Want(DIGEST, "12 October 2025", "2025-10-12", "target"),
        "delay": Want(DIGEST, "three weeks", Q(3, "weeks")),
        "turnout": Want(DIGEST, "70 percent", Q(None, "percent", low=70)),
        "turnout_2021": Want(DIGEST, "64 percent", Q(64, "percent")),
        "registered": Want(DIGEST, "4.2 million people", Q(4_200_000, "people", approx=True)),
        "registered_before": Want(DIGEST, "3.9 million", Q(3_900_000, "people")),
        "results": Want(DIGEST, "15 October", "XXXX-10-15", "not_after"),
        "election_kp": Want(DIGEST, "October 12, 2025", "2025-10-12", "target"),
        "turnout_kp": Want(DIGEST, "65 and 70 percent", Q(None, "percent", low=65, high=70)),
        "observers": Want(DIGEST, "300 foreign observers", Q(None, "observers", low=300)),
        "results_kp": Want(DIGEST, "October 20", "XXXX-10-20", "target"),
        "coalition": Want(DIGEST, "March 2019", "2019-03", "target", prop=START),
        "friday": Want(VOTE[0], "Friday", RELATIVE),
        "election_daily": Want(VOTE[0], "October 12", "XXXX-10-12", "target"),
        "observers_daily": Want(VOTE[0], "250 foreign observers", Q(None, "observers", high=250)),
        "yesterday": Want(VOTE[1], "yesterday", RELATIVE),
        "election_before": Want(VOTE[1], "September 21", "XXXX-09-21", "target"),
        "observers_demanded": Want(VOTE[1], "500 observers", Q(None, "observers", low=500)),
    },
    allowed=[Want(DIGEST, "2021", "2021")],
    together=[
        ("election", "election_kp", "election_daily"),
        ("turnout", "turnout_kp"),
        ("observers", "observers_daily"),
        ("results", "results_kp"),
    ],
    apart=[("turnout", "turnout_2021")],
    conflicts=[
        ("observers", "observers_daily"),
        ("election_before", "election_daily"),
        ("registered_before", "registered"),
    ],
    optional_conflicts=[("results", "results_kp"), ("observers_demanded", "observers_daily")],
    events=[("2025-10-12", "scheduled", "election")],
)

EXPECTED: dict[str, Expected] = {
    expected.file.removesuffix(".txt"): expected
    for expected in (
        council_election,
        quarterly_results,
        fraud_trial,
        hurricane_lena,
        measles_outbreak,
        cup_final,
        port_strike,
        city_budget,
        heat_wave,
        kestria_vote,
    )
}

# Held out: written after the rules were fitted to the digests above, and scored before any rule was
# changed for them (the report gives those first scores).
RATE = "Finance Today", "Norland Radio"
rate_decision = Expected(
    "rate_decision.txt",
    claims={
        "rate": Want(DIGEST, "3.25 percent", Q(3.25, "percent")),
        "thursday": Want(DIGEST, "Thursday", RELATIVE),
        "december": Want(DIGEST, "December", "XXXX-12", "target"),
        "inflation": Want(DIGEST, "2.4 percent", Q(2.4, "percent")),
        "inflation_before": Want(DIGEST, "2.9 percent", Q(2.9, "percent")),
        "growth_2025": Want(DIGEST, "1.1 percent", Q(1.1, "percent", approx=True)),
        "growth_2026": Want(DIGEST, "1.6 percent", Q(1.6, "percent")),
        "meeting": Want(DIGEST, "11 December", "XXXX-12-11", "target"),
        "rate_kp": Want(DIGEST, "3.25%", Q(3.25, "percent")),
        "inflation_kp": Want(DIGEST, "2.4%", Q(2.4, "percent")),
        "target": Want(DIGEST, "2%", Q(2, "percent")),
        "meeting_kp": Want(DIGEST, "December 18", "XXXX-12-18", "target"),
        "currency": Want(DIGEST, "0.8%", Q(0.8, "percent")),
        "forecast": Want(DIGEST, "3 percent", Q(None, "percent", high=3)),
        "mid_2026": Want(DIGEST, "mid-2026", "2026-05/2026-08", "target"),
        "rate_today": Want(RATE[0], "3.25%", Q(3.25, "percent")),
        "lowered": Want(RATE[0], "Thursday", "2025-10-23", "target"),
        "target_today": Want(RATE[0], "2%", Q(2, "percent")),
        "within": Want(RATE[0], "within a year", "2025-10-23/2026-10-23", "not_after"),
        "today": Want(RATE[1], "today", RELATIVE),
        "holders": Want(RATE[1], "40,000 mortgage holders", Q(40000, "holders", approx=True)),
        "next_month": Want(RATE[1], "next month", RELATIVE),
    },
    allowed=[
        Want(DIGEST, "September", "XXXX-09"),
        Want(DIGEST, "August", "XXXX-08"),
        Want(DIGEST, "this year", RELATIVE),
        Want(RATE[1], "25 basis points", Q(25, "points")),
        Want(RATE[0], "this year", "2025"),
    ],
    together=[("rate", "rate_kp", "rate_today"), ("inflation", "inflation_kp"), ("meeting", "meeting_kp")],
    apart=[("growth_2025", "growth_2026"), ("inflation", "target"), ("rate", "inflation")],
    conflicts=[("meeting", "meeting_kp")],
    optional_conflicts=[("inflation_before", "inflation")],
    events=[("XXXX-12-11", "scheduled", "meeting")],
)

FIRE = "Valley Courier", "KSAL News"
wildfire = Expected(
    "wildfire.txt",
    claims={
        "burned": Want(DIGEST, "12,000 hectares", Q(None, "hectares", low=12000)),
        "broke_out": Want(DIGEST, "June 7", "XXXX-06-07", "target"),
        "residents": Want(DIGEST, "3,500 residents", Q(3500, "residents", approx=True)),
        "tuesday": Want(DIGEST, "Tuesday", RELATIVE),
        "contained": Want(DIGEST, "35 percent", Q(35, "percent")),
        "containment": Want(DIGEST, "June 20", "XXXX-06-20", "target"),
        "injured": Want(DIGEST, "Two firefighters", Q(2, "firefighters")),
        "homes": Want(DIGEST, "48 homes", Q(48, "homes")),
        "lift": Want(DIGEST, "Friday", RELATIVE),
        "size_kp": Want(DIGEST, "11,800 hectares", Q(11800, "hectares")),
        "perimeter": Want(DIGEST, "40%", Q(40, "percent")),
        "containment_kp": Want(DIGEST, "June 30", "XXXX-06-30", "target"),
        "report": Want(DIGEST, "within two weeks", RELATIVE),
        "evacuees": Want(DIGEST, "600 evacuees", Q(600, "evacuees")),
        "schools": Want(DIGEST, "4 schools", Q(4, "schools")),
        "weather": Want(DIGEST, "Thursday", RELATIVE),
        "headline": Want(FIRE[0], "12,000 hectares", Q(12000, "hectares")),
        "grew": Want(FIRE[0], "12,000 hectares", Q(None, "hectares", low=12000)),
        "said": Want(FIRE[0], "Tuesday", "2025-06-10", "target"),
        "firefighters": Want(FIRE[0], "1,100 firefighters", Q(1100, "firefighters")),
        "aircraft": Want(FIRE[0], "14 aircraft", Q(14, "aircraft")),
        "returned": Want(FIRE[1], "Wednesday", "2025-06-11", "target"),
        "homes_ksal": Want(FIRE[1], "48 homes", Q(48, "homes")),
    },
    together=[
        ("burned", "size_kp", "headline", "grew"),
        ("containment", "containment_kp"),
        ("homes", "homes_ksal"),
    ],
    apart=[("contained", "perimeter")],
    conflicts=[("containment", "containment_kp"), ("burned", "size_kp")],
    optional_conflicts=[("contained", "perimeter")],
    events=[("XXXX-06-20", "projected", "containment")],
)

TRADE = "Asia Business Review", "The Rural Times"
trade_deal = Expected(
    "trade_deal.txt",
    claims={
        "monday": Want(DIGEST, "Monday", RELATIVE),
        "lines": Want(DIGEST, "4,200 product lines", Q(4200, "lines")),
        "by_2030": Want(DIGEST, "2030", "2030", "target"),
        "states": Want(DIGEST, "11 member states", Q(11, "states")),
        "trade": Want(DIGEST, "$90 billion", Q(90_000_000_000, "dollars")),
        "takes_effect": Want(DIGEST, "January 2027", "2027-01", "target"),
        "farm": Want(DIGEST, "2028", "2028", "not_before"),
        "lines_kp": Want(DIGEST, "4,000 product lines", Q(4000, "lines", approx=True)),
        "phase_out": Want(DIGEST, "ten years", Q(10, "years")),
        "enter_force": Want(DIGEST, "1 July 2026", "2026-07-01", "target"),
        "gains": Want(DIGEST, "0.4%", Q(0.4, "percent")),
        "by_2035": Want(DIGEST, "2035", "2035", "target"),
        "negotiated": Want(DIGEST, "seven years", Q(None, "years", low=7)),
        "pages": Want(DIGEST, "1,450 pages", Q(1450, "pages")),
        "signed": Want(TRADE[0], "Monday", RELATIVE),
        "session": Want(TRADE[0], "19-hour", Q(19, "hours")),
        "talks": Want(TRADE[0], "May 2018", "2018-05", "target", prop=START),
        "duties": Want(TRADE[1], "2028", "2028", "not_before"),
        "cap": Want(TRADE[1], "150,000 tonnes", Q(150_000, "tonnes")),
    },
    together=[("lines", "lines_kp"), ("takes_effect", "enter_force")],
    apart=[("lines", "states")],
    conflicts=[("takes_effect", "enter_force")],
    events=[("2018-05", "occurred", "talks")],
)

EXPECTED.update({"rate_decision": rate_decision, "wildfire": wildfire, "trade_deal": trade_deal})

# Held out, second batch: written and scored after every rule change above, before any for them.
RECALL = "Auto Wire", "The Consumer Ledger"
car_recall = Expected(
    "car_recall.txt",
    claims={
        "vehicles": Want(DIGEST, "310,000 vehicles", Q(310_000, "vehicles", approx=True)),
        "thursday": Want(DIGEST, "Thursday", RELATIVE),
        "built": Want(DIGEST, "January 2022 and March 2024", "2022-01/2024-03", "target"),
        "starting": Want(DIGEST, "April", "XXXX-04", "target"),
        "crashes": Want(DIGEST, "14 crashes", Q(14, "crashes")),
        "cost": Want(DIGEST, "€180 million", Q(180_000_000, "euros", approx=True)),
        "booked": Want(DIGEST, "first quarter of 2025", "2025-01/2025-03", "target"),
        "cars_kp": Want(DIGEST, "295,000 cars", Q(295_000, "cars")),
        "germany": Want(DIGEST, "120,000", Q(120_000, "cars")),
        "notified": Want(DIGEST, "April 30", "XXXX-04-30", "not_after"),
        "cost_kp": Want(DIGEST, "€180 million", Q(180_000_000, "euros")),
        "shares": Want(DIGEST, "3.5%", Q(3.5, "percent")),
        "headline": Want(RECALL[0], "310,000 cars", Q(310_000, "cars")),
        "recalled": Want(RECALL[0], "Thursday", "2025-02-06", "target"),
        "vehicles_wire": Want(RECALL[0], "310,000 vehicles", Q(310_000, "vehicles", approx=True)),
        "repairs": Want(RECALL[0], "mid-April", "2025?-04-11/2025?-04-20", "target"),
        "minutes": Want(RECALL[0], "90 minutes", Q(None, "minutes", high=90)),
        "probe": Want(RECALL[1], "November 2024", "2024-11", "target"),
        "complaints": Want(RECALL[1], "9 complaints", Q(9, "complaints")),
        "last_year": Want(RECALL[1], "last year", RELATIVE),
    },
    allowed=[Want(DIGEST, "one-day", Q(1, "days"))],
    together=[("vehicles", "vehicles_wire"), ("cost", "cost_kp"), ("starting", "repairs")],
    apart=[("crashes", "vehicles"), ("cost", "shares"), ("germany", "cars_kp"), ("germany", "headline")],
    conflicts=[],
    optional_conflicts=[("cars_kp", "headline"), ("starting", "repairs")],
    events=[("2025-02-06", "occurred", "recall")],
)

QUAKE = "World Report", "Building Review"
earthquake = Expected(
    "earthquake.txt",
    claims={
        "thursday": Want(DIGEST, "Thursday", RELATIVE),
        "killed": Want(DIGEST, "1,200 people", Q(None, "people", low=1200)),
        "injured": Want(DIGEST, "3,000", Q(None, "people", low=3000)),
        "toll": Want(DIGEST, "1,200", Q(1200, "people")),
        "toll_before": Want(DIGEST, "820", Q(820, "people")),
        "countries": Want(DIGEST, "14 countries", Q(14, "countries")),
        "mourning": Want(DIGEST, "three days", Q(3, "days")),
        "friday": Want(DIGEST, "Friday", RELATIVE),
        "toll_kp": Want(DIGEST, "1,450 people", Q(None, "people", low=1450)),
        "homes": Want(DIGEST, "15,000 homes", Q(15_000, "homes", approx=True)),
        "villages": Want(DIGEST, "40 villages", Q(40, "villages")),
        "appeal": Want(DIGEST, "$75 million", Q(75_000_000, "dollars")),
        "next_months": Want(DIGEST, "next three months", RELATIVE),
        "tents": Want(DIGEST, "60,000 people", Q(60_000, "people", approx=True)),
        "search": Want(DIGEST, "Sunday", RELATIVE),
        "schools": Want(DIGEST, "September 1", "XXXX-09-01", "target"),
        "headline": Want(QUAKE[0], "1,200", Q(None, "people", low=1200)),
        "hit": Want(QUAKE[0], "Thursday", "2025-08-21", "target"),
        "depth": Want(QUAKE[0], "10 kilometres", Q(10, "kilometres")),
        "felt": Want(QUAKE[0], "300 km", Q(300, "km")),
        "built": Want(QUAKE[1], "before 1990", "1990", "not_after"),
        "said": Want(QUAKE[1], "Friday", RELATIVE),
    },
    allowed=[
        Want(DIGEST, "Wednesday night", RELATIVE),
        Want(DIGEST, "Wednesday", RELATIVE),
        Want(QUAKE[1], "1990", "1990"),
    ],
    together=[("killed", "toll_kp", "headline"), ("toll", "toll_before")],
    apart=[("killed", "tents"), ("killed", "injured"), ("homes", "villages")],
    # corrected after the first run: the summary's toll (1,200) against the key point's "at least 1,450"
    # is the discrepancy a reader flags ("at least 1,200" agrees with both); first written as optional
    # between "killed" and "toll_kp"
    conflicts=[("toll_before", "toll"), ("toll", "toll_kp")],
    events=[("2025-08-21", "occurred", "")],
)

METRO = "Metro Gazette", "Civic Times"
metro_line = Expected(
    "metro_line.txt",
    claims={
        "opening": Want(DIGEST, "14 September 2026", "2026-09-14", "target"),
        "delay": Want(DIGEST, "nine months", Q(9, "months")),
        "tuesday": Want(DIGEST, "Tuesday", RELATIVE),
        "length": Want(DIGEST, "22-kilometre", Q(22, "kilometres")),
        "stations": Want(DIGEST, "18 stations", Q(18, "stations")),
        "riders": Want(DIGEST, "250,000 riders", Q(None, "riders", high=250_000)),
        "cost": Want(DIGEST, "£4.8 billion", Q(4_800_000_000, "pounds")),
        "cost_before": Want(DIGEST, "£3.6 billion", Q(3_600_000_000, "pounds")),
        "flood": Want(DIGEST, "March 2024", "2024-03", "target"),
        "opening_kp": Want(DIGEST, "September 2026", "2026-09", "target"),
        "trials": Want(DIGEST, "May to July 2026", "2026-05/2026-07", "target"),
        "fare": Want(DIGEST, "£2.10", Q(2.1, "pounds")),
        "staff": Want(DIGEST, "600 staff", Q(600, "staff", approx=True)),
        "journeys": Want(DIGEST, "30 percent", Q(None, "percent", high=30)),
        "opening_gazette": Want(METRO[0], "September 2026", "2026-09", "not_before"),
        "said": Want(METRO[0], "Tuesday", "2025-02-04", "target"),
        "budget": Want(METRO[0], "£4.8 billion", Q(4_800_000_000, "pounds")),
        "question": Want(METRO[1], "February 12", "XXXX-02-12", "target"),
        "opening_before": Want(METRO[1], "December 2025", "2025-12", "target"),
    },
    allowed=[Want(DIGEST, "2019", "2019")],
    together=[("opening", "opening_kp", "opening_gazette"), ("cost", "cost_before")],
    apart=[("cost", "fare"), ("stations", "riders")],
    # the opening pushed back from December 2025: paired with the key point's September 2026 (the
    # summary's "14 September 2026" is grouped under the metro, not the opening: a known miss)
    conflicts=[("cost_before", "cost"), ("opening_before", "opening_kp")],
    events=[("2026-09-14", "scheduled", "")],
)

EXPECTED.update({"car_recall": car_recall, "earthquake": earthquake, "metro_line": metro_line})
