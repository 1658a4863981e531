"""Quiz questions for the flagship courses, as plain Python data.

``QUIZZES`` maps a course slug (see ``courses.demo_content``) to its quiz; the key
``"crane-survey-techniques:pre"`` holds the crane survey course's pre-test. The
assessments app's demo loader turns these into question-bank entries and quizzes.

Question shapes, by ``type``:
- single_choice, multiple_choice, true_false: ``choices`` [{text, correct, feedback}]
- numeric: ``answer``, ``tolerance``, ``tolerance_kind`` ("absolute" or "relative", percent)
- short_text: ``accepted`` [str], ``accepted_in_language`` {language: [str]} (only
  accepted from a learner answering in that interface language)
- ordering: ``items`` in the correct order
- matching: ``pairs`` [[left, right]]
- colour_bands: ``legs`` {left|right: {above: [..], below: [..]}} (top to bottom),
  ``mode`` ("read" or "compose"), ``palette`` [colour names]
"""

from courses import practice_data


def _t(value: str) -> str:
    """Collapse the line breaks and indentation of a triple-quoted string."""
    return " ".join(value.split())


BAND_PALETTE = [
    "red",
    "white",
    "yellow",
    "green",
    "blue",
    "black",
    "orange",
    "lime",
    "pink",
    "metal",
]


def _choice(text: str, correct: bool, feedback: str = "") -> dict:
    return {"text": text, "correct": correct, "feedback": feedback}


CRANE_SURVEY_QUIZ = {
    "title": "Crane survey techniques: final quiz",
    "pass_mark": 70,
    "questions": [
        {
            "type": "single_choice",
            "prompt": "Why are crane counts at several roosts and feeding sites synchronised?",
            "general_feedback": _t(
                """Cranes move between roosts and feeding sites during the day. Counting all
                sites within the same time window means each bird can only be in one place
                when it is counted."""
            ),
            "choices": [
                _choice(
                    "So that birds moving between sites are neither counted twice nor missed.",
                    True,
                    "Correct: synchronisation is the main protection against double counts.",
                ),
                _choice(
                    "Because cranes only fly at dawn.",
                    False,
                    "Cranes move at many times of day; that is exactly the problem.",
                ),
                _choice(
                    "So that all teams can use the same telescope model.",
                    False,
                    "Equipment does not affect where the birds are.",
                ),
                _choice(
                    "Because national censuses refuse counts made on other days.",
                    False,
                    "Some censuses accept a window of days; the reason is the birds' movement.",
                ),
            ],
        },
        {
            "type": "numeric",
            "prompt": _t(
                """A flock of Hooded Cranes is feeding in a stubble field. You count one block
                of exactly 25 birds. Moving across the flock, you count 31 more blocks of the
                same density, and about 12 birds left over at the far edge. Estimate the size
                of the flock. (Answers within 10 % are accepted.)"""
            ),
            "general_feedback": _t(
                """32 blocks (the first plus 31 more) x 25 birds = 800, plus 12 at the edge
                = 812. Write it down as a block estimate and check it with photographs."""
            ),
            "answer": 812,
            "tolerance": 10,
            "tolerance_kind": "relative",
        },
        {
            "type": "numeric",
            "prompt": _t(
                """At a feeding site you age 412 Hooded Cranes: 361 adults and 51 juveniles.
                Another 88 birds were too far away to age. What is the juvenile ratio, in
                percent, to one decimal place?"""
            ),
            "general_feedback": _t(
                """Juvenile ratio = juveniles / birds aged x 100 = 51 / 412 x 100 = 12.4 %.
                Birds of unknown age are left out of both numerator and denominator;
                51 / 500 would wrongly give 10.2 %."""
            ),
            "answer": 12.4,
            "tolerance": 0.2,
            "tolerance_kind": "absolute",
        },
        {
            "type": "multiple_choice",
            "prompt": "Which practices help to avoid double counts? Choose all that apply.",
            "general_feedback": _t(
                """Record flock movements with time and direction, count landed flocks, and at
                a roost count either departures or the standing birds, never both."""
            ),
            "choices": [
                _choice(
                    "Recording the time, size and direction of every flock leaving the unit.",
                    True,
                    "Yes: teams compare these records to find flocks counted twice.",
                ),
                _choice(
                    "Counting only flocks that have landed, not circling flocks.",
                    True,
                    "Yes: circling flocks often land in a neighbouring unit.",
                ),
                _choice(
                    "Counting the standing birds in the roost and then the departing flocks.",
                    False,
                    "No: this counts the same birds twice. Choose one method.",
                ),
                _choice(
                    "Driving to each unit in turn after finishing the previous one.",
                    False,
                    "No: the birds may move with you. Count all units at the same time.",
                ),
            ],
        },
        {
            "type": "true_false",
            "prompt": _t(
                """If no cranes were present in a count unit that you visited, you can leave
                the row on the data sheet blank."""
            ),
            "general_feedback": _t(
                """False. Write "0". A blank cannot be told apart from a unit that was not
                counted, and zero counts are real data."""
            ),
            "choices": [
                _choice("True", False, "A blank looks like missing data. Write 0."),
                _choice("False", True, "Correct: a zero count is data and must be written."),
            ],
        },
        {
            "type": "ordering",
            "prompt": "Put the steps of a block count of a large flock in the right order.",
            "general_feedback": _t(
                """Record the context, count one block exactly, count the blocks (re-counting
                a block where density changes), make an independent second estimate, then
                photograph the flock to check later."""
            ),
            "items": [
                "Write down the time, position and whether the flock is standing or flying.",
                "Count one block of birds exactly.",
                "Count how many blocks of that size the flock contains.",
                "Make a second, independent estimate from the other side.",
                "Photograph the whole flock in overlapping frames.",
            ],
        },
        {
            "type": "single_choice",
            "prompt": _t(
                """In mid-winter, which cue best tells a juvenile Hooded Crane from an
                adult?"""
            ),
            "general_feedback": _t(
                """The adult's head and upper neck are clean white with a small red crown;
                the juvenile's are washed buff to rusty, with a feathered crown."""
            ),
            "choices": [
                _choice(
                    "A buff to rusty head and neck without a red crown patch.",
                    True,
                    "Correct.",
                ),
                _choice(
                    "A white stripe down the back of the neck.",
                    False,
                    "That is the White-naped Crane's adult pattern.",
                ),
                _choice(
                    "Longer legs than the adults.",
                    False,
                    "Leg length is not a reliable field cue.",
                ),
                _choice(
                    "Pale pink legs.",
                    False,
                    "Not a reliable cue for ageing Hooded Cranes.",
                ),
            ],
        },
        {
            "type": "numeric",
            "prompt": _t(
                """You record 20 families with one juvenile and 5 families with two
                juveniles. What is the mean brood size (juveniles per family with young), to
                two decimal places?"""
            ),
            "general_feedback": _t(
                """(20 x 1 + 5 x 2) / (20 + 5) = 30 / 25 = 1.20 juveniles per successful
                pair. Report it with the sample size (n = 25 families)."""
            ),
            "answer": 1.2,
            "tolerance": 0.01,
            "tolerance_kind": "absolute",
        },
        {
            "type": "short_text",
            "prompt": _t(
                """Which mid-January count of waterbirds across Asia is coordinated by
                Wetlands International?"""
            ),
            "general_feedback": _t(
                """The Asian Waterbird Census (AWC), part of the International Waterbird
                Census."""
            ),
            "accepted": ["Asian Waterbird Census", "AWC", "the Asian Waterbird Census"],
            # The census's own name in each language, accepted from learners reading it.
            "accepted_in_language": {
                "zh-hans": ["亚洲水鸟调查", "亚洲水鸟同步调查"],
                "ja": ["アジア水鳥センサス", "アジア水鳥調査"],
                "ko": ["아시아 물새 센서스", "아시아 물새 조사"],
                "mn": ["Азийн усны шувууны тооллого"],
                "ru": ["Азиатский учёт водоплавающих птиц"],
            },
        },
        {
            "type": "matching",
            "prompt": "Match each term with its meaning.",
            "general_feedback": "These terms are used on count data sheets and in census reports.",
            "pairs": [
                ["Synchronised count", "All sites counted within the same agreed time window"],
                ["Count unit", "A piece of the survey area assigned to exactly one team"],
                ["Zero count", "A unit visited and counted, with no birds present"],
                ["Juvenile ratio", "Share of first-year birds among the birds aged"],
            ],
        },
    ],
}

CRANE_SURVEY_PRE_TEST = {
    "title": "Crane survey techniques: pre-test",
    "pass_mark": 50,
    "questions": [
        {
            "type": "single_choice",
            "prompt": "Where and when is a total count of a crane population easiest to make?",
            "general_feedback": _t(
                """At the roosts, at dawn departure or evening arrival: roosts are fewer and
                more predictable than feeding sites."""
            ),
            "choices": [
                _choice("At the roosts, at dawn departure or evening arrival.", True),
                _choice("In feeding fields at midday.", False),
                _choice("On migration, from a single hilltop.", False),
                _choice("At the nests in early summer.", False),
            ],
        },
        {
            "type": "numeric",
            "prompt": _t(
                """You count a block of 10 cranes and then 47 more blocks of the same size in
                the flock. Estimate the flock (answers within 10 % are accepted)."""
            ),
            "general_feedback": "48 blocks x 10 = 480 birds.",
            "answer": 480,
            "tolerance": 10,
            "tolerance_kind": "relative",
        },
        {
            "type": "true_false",
            "prompt": _t(
                """Birds that are too far away to age should be counted as adults when you
                calculate the juvenile ratio."""
            ),
            "general_feedback": _t(
                """False. Birds of unknown age are left out of the ratio altogether."""
            ),
            "choices": [
                _choice("True", False),
                _choice("False", True),
            ],
        },
        {
            "type": "multiple_choice",
            "prompt": "Which items belong on a crane count data sheet? Choose all that apply.",
            "general_feedback": _t(
                """Observers, time window with time zone, method and flock movements are all
                needed to interpret a count later. The observer's favourite species is not."""
            ),
            "choices": [
                _choice("Start and end time, with the time zone.", True),
                _choice("The count method (direct, block or photo).", True),
                _choice("Time and direction of flocks leaving the unit.", True),
                _choice("The observer's favourite species.", False),
            ],
        },
        {
            "type": "short_text",
            "prompt": "What is the scientific name of the White-naped Crane?",
            "general_feedback": "Antigone vipio (formerly placed in the genus Grus).",
            "accepted": ["Antigone vipio", "Grus vipio"],
        },
    ],
}

COLOUR_BANDING_QUIZ = {
    "title": "Colour banding: final quiz",
    "pass_mark": 70,
    "questions": [
        {
            "type": "colour_bands",
            "prompt": _t(
                """Read the bands on this White-naped Crane's legs: for each leg, give the
                colours above and below the joint, from top to bottom, using the leg labels on
                the drawing."""
            ),
            "general_feedback": _t(
                """R.MW / -.YG: left leg red above the joint, metal over white below; right
                leg nothing above, yellow over green below."""
            ),
            "legs": {
                "left": {"above": ["red"], "below": ["metal", "white"]},
                "right": {"above": [], "below": ["yellow", "green"]},
            },
            "mode": "read",
            "palette": BAND_PALETTE,
        },
        {
            "type": "colour_bands",
            "prompt": _t(
                """Place the bands on the drawing for the bird written O.M / B.- in the course
                notation (left leg first, top to bottom, "." at the joint)."""
            ),
            "general_feedback": _t(
                """Left leg first: O above the joint, M below. Then the right leg: B above,
                nothing below (the hyphen)."""
            ),
            "legs": {
                "left": {"above": ["orange"], "below": ["metal"]},
                "right": {"above": ["blue"], "below": []},
            },
            "mode": "compose",
            "palette": BAND_PALETTE,
        },
        {
            "type": "colour_bands",
            "prompt": _t(
                """Place the bands for the bird written NW.M / -.RY. Remember that bands are
                written from top to bottom on each leg."""
            ),
            "general_feedback": _t(
                """Left leg: black above white, both above the joint; metal ring below the
                joint. Right leg: nothing above; red above yellow below the joint."""
            ),
            "legs": {
                "left": {"above": ["black", "white"], "below": ["metal"]},
                "right": {"above": [], "below": ["red", "yellow"]},
            },
            "mode": "compose",
            "palette": BAND_PALETTE,
        },
        {
            "type": "single_choice",
            "prompt": "A colour-banded crane faces you. Which of its legs is on your right?",
            "general_feedback": _t(
                """When the bird faces you, its left leg is on your right. Swapping the legs is
                the most common reading error."""
            ),
            "choices": [
                _choice("Its left leg.", True, "Correct."),
                _choice(
                    "Its right leg.",
                    False,
                    "Only when the bird faces away from you is its right leg on your right.",
                ),
                _choice(
                    "It depends on which leg carries the metal ring.",
                    False,
                    "The metal ring can be on either leg; think about the bird's own sides.",
                ),
            ],
        },
        {
            "type": "multiple_choice",
            "prompt": "What must a useful resighting report include? Choose all that apply.",
            "general_feedback": _t(
                """The combination as read (with uncertain bands marked), date, time, place
                with coordinates, and the observer's contact. Guessing a band to make the
                combination look complete creates false records."""
            ),
            "choices": [
                _choice("The combination as read, with a ? for each uncertain band.", True),
                _choice("Date, time and coordinates of the sighting.", True),
                _choice("The observer's name and contact.", True),
                _choice(
                    "A best guess for any band you could not see, so the record is complete.",
                    False,
                    "Never guess: mark the band with a question mark.",
                ),
            ],
        },
        {
            "type": "true_false",
            "prompt": _t(
                """If a crane chick runs away, the team should keep chasing it until it is
                caught, so that the effort of the day is not wasted."""
            ),
            "general_feedback": _t(
                """False. Long pursuits cause capture myopathy, which can kill a bird days
                later. Give up after a short pursuit."""
            ),
            "choices": [
                _choice("True", False, "The bird's welfare comes before the data."),
                _choice("False", True, "Correct: limit the chase."),
            ],
        },
        {
            "type": "single_choice",
            "prompt": "Which describes a correctly fitted metal ring?",
            "general_feedback": _t(
                """The ends meet exactly, and the ring turns freely and moves along the leg
                without passing over the joint or the foot."""
            ),
            "choices": [
                _choice(
                    "Ends meet with no gap or overlap; it turns freely but cannot pass the joint.",
                    True,
                    "Correct.",
                ),
                _choice(
                    "Ends overlap slightly so that it cannot open.",
                    False,
                    "An overlap can cut the leg.",
                ),
                _choice(
                    "Tight enough that it does not turn on the leg.",
                    False,
                    "A tight ring restricts blood flow and can injure the leg.",
                ),
                _choice(
                    "A small gap is left so that the leg can grow.",
                    False,
                    "A gap catches on vegetation; use the size the scheme specifies.",
                ),
            ],
        },
        {
            "type": "matching",
            "prompt": "Match each letter of the course notation with its meaning.",
            "general_feedback": _t(
                """N is used for black so that B can stand for blue; L is lime; M is the
                metal ring; "." marks the joint."""
            ),
            "pairs": [
                ["N", "black"],
                ["B", "blue"],
                ["L", "lime"],
                ["M", "metal ring"],
                [".", "the joint between tibia and tarsus"],
            ],
        },
        {
            "type": "ordering",
            "prompt": "Put the steps of reading a colour-banded crane in the right order.",
            "general_feedback": _t(
                """Decide the bird's orientation first, then read each leg top to bottom,
                then check with photographs and a second reading."""
            ),
            "items": [
                "Decide which way the bird faces and which leg is its left.",
                "Read the left leg from top to bottom and write it down.",
                "Read the right leg from top to bottom and write it down.",
                "Photograph the legs and mark uncertain bands with a question mark.",
                "Read the combination again when the bird has turned, and compare.",
            ],
        },
        {
            "type": "short_text",
            "prompt": _t(
                """What is the public register of colour-marking projects where you can look
                up who uses a colour combination? (Give its web address.)"""
            ),
            "general_feedback": "cr-birding.org lists colour-marking projects and their contacts.",
            "accepted": ["cr-birding.org", "www.cr-birding.org", "cr-birding"],
        },
    ],
}

DRONES_QUIZ = {
    "title": "Drones and remote sensing: final quiz",
    "pass_mark": 70,
    "questions": [
        {
            "type": "numeric",
            "prompt": _t(
                """A camera has a sensor 13.2 mm wide, an 8.8 mm lens and images 5472 pixels
                wide. What is the ground sampling distance, in centimetres per pixel, at a
                flight height of 100 m? (Two decimal places; answers within 0.1 are
                accepted.)"""
            ),
            "general_feedback": _t(
                """GSD = sensor width x height x 100 / (focal length x image width)
                = 13.2 x 100 x 100 / (8.8 x 5472) = 132 000 / 48 154 = 2.74 cm per pixel."""
            ),
            "answer": 2.74,
            "tolerance": 0.1,
            "tolerance_kind": "absolute",
        },
        {
            "type": "numeric",
            "prompt": _t(
                """Each photo covers 90 m across the flight line. You want 70 % side overlap.
                How far apart, in metres, should the flight lines be?"""
            ),
            "general_feedback": "Line spacing = 90 m x (1 - 0.70) = 27 m.",
            "answer": 27,
            "tolerance": 0.5,
            "tolerance_kind": "absolute",
        },
        {
            "type": "single_choice",
            "prompt": "Which approach to a flock of feeding cranes disturbs the birds least?",
            "general_feedback": _t(
                """Take off out of sight and well away from the birds, climb to survey height
                first, then approach at an angle at constant speed. Vertical descents onto a
                flock caused the most reactions in published trials."""
            ),
            "choices": [
                _choice(
                    "Take off far away, climb to height, then approach at an angle.",
                    True,
                    "Correct.",
                ),
                _choice(
                    "Take off beside the flock so the flight is short.",
                    False,
                    "Take-off and landing near birds are among the most disturbing moments.",
                ),
                _choice(
                    "Fly over the flock and descend vertically for a sharper image.",
                    False,
                    "Vertical approaches caused the most reactions in experiments.",
                ),
                _choice(
                    "Hover low over the flock until the birds get used to the drone.",
                    False,
                    "Hovering low prolongs disturbance; fly the pattern at a fixed height.",
                ),
            ],
        },
        {
            "type": "true_false",
            "prompt": _t(
                """If your flight complies with the national aviation rules, you do not need
                separate permission to fly over a nature reserve."""
            ),
            "general_feedback": _t(
                """False. Aviation rules and protected-area rules are separate; most reserves
                require their own written permission for drone flights."""
            ),
            "choices": [
                _choice("True", False, "Ask the reserve administration as well."),
                _choice("False", True, "Correct: two permissions, not one."),
            ],
        },
        {
            "type": "multiple_choice",
            "prompt": "Which of these should end a survey flight at once? Choose all that apply.",
            "general_feedback": _t(
                """Any bird flushing, birds walking away or bunching, and an approaching bird of
                prey are abort criteria. A few birds raising their heads is an early sign to
                watch closely, not in itself a reason to abort."""
            ),
            "choices": [
                _choice("A bird takes off in response to the drone.", True),
                _choice("Birds walk away from the drone and bunch together.", True),
                _choice("An eagle flies towards the aircraft.", True),
                _choice(
                    "One bird raises its head and looks up.",
                    False,
                    "An early sign: watch closely, but it is not in itself an abort criterion.",
                ),
            ],
        },
        {
            "type": "single_choice",
            "prompt": "You flew a mapping pattern with 80 % front overlap. How should you count?",
            "general_feedback": _t(
                """Count on the orthomosaic, or on a set of images that do not overlap; counting
                every raw photo counts the same birds several times."""
            ),
            "choices": [
                _choice("On the orthomosaic or on non-overlapping images.", True, "Correct."),
                _choice(
                    "On every raw photo, then divide by the number of photos.",
                    False,
                    "Birds appear in a varying number of photos; the result is meaningless.",
                ),
                _choice(
                    "On every raw photo, adding the counts.",
                    False,
                    "This counts most birds several times.",
                ),
            ],
        },
        {
            "type": "matching",
            "prompt": "Match each data source or index with what it offers.",
            "general_feedback": _t(
                """Sentinel-2 gives free 10 m multispectral images; Landsat has 30 m images and
                a long archive; Sentinel-1 radar sees through cloud; NDWI highlights open
                water."""
            ),
            "pairs": [
                ["Sentinel-2", "Free multispectral images with 10 m pixels"],
                ["Landsat 8 and 9", "30 m pixels and a long archive for change over decades"],
                ["Sentinel-1", "Radar images that see through cloud"],
                ["NDWI", "An index that is high for open water"],
            ],
        },
        {
            "type": "ordering",
            "prompt": "Put the steps from a survey flight to a reported count in order.",
            "general_feedback": _t(
                """Secure the data first, then build the mosaic, count tile by tile, check with
                a second counter and report with the method."""
            ),
            "items": [
                "Copy images and flight log to two drives on the day of the flight.",
                "Build the orthomosaic or choose non-overlapping images.",
                "Mark every bird with a point, tile by tile.",
                "Have a second person count a random sample of tiles.",
                "Report the count with method, GSD, date and the counters' difference.",
            ],
        },
        {
            "type": "short_text",
            "prompt": "Which index is computed as (Green - NIR) / (Green + NIR)?",
            "general_feedback": "The Normalised Difference Water Index (NDWI), McFeeters 1996.",
            "accepted": [
                "NDWI",
                "Normalised Difference Water Index",
                "Normalized Difference Water Index",
            ],
        },
    ],
}

WETLAND_QUIZ = {
    "title": "Wetland habitat assessment: final quiz",
    "pass_mark": 70,
    "questions": [
        {
            "type": "numeric",
            "prompt": _t(
                """The reference estimate for a waterbird population is 12,500 birds. What is
                its 1 % threshold under Ramsar Criterion 6?"""
            ),
            "general_feedback": "1 % of 12,500 is 125 birds.",
            "answer": 125,
            "tolerance": 0,
            "tolerance_kind": "absolute",
        },
        {
            "type": "single_choice",
            "prompt": "Ramsar Criterion 5 applies to a wetland that regularly supports...",
            "general_feedback": "Criterion 5: 20,000 or more waterbirds, regularly.",
            "choices": [
                _choice("20,000 or more waterbirds.", True, "Correct."),
                _choice(
                    "1 % of a waterbird population.",
                    False,
                    "That is Criterion 6.",
                ),
                _choice(
                    "Any globally threatened species.",
                    False,
                    "That is Criterion 2.",
                ),
                _choice("10,000 or more waterbirds.", False, "The figure is 20,000."),
            ],
        },
        {
            "type": "true_false",
            "prompt": _t(
                """A site where the 1 % threshold was reached in two of six winters with
                adequate counts "regularly" supports 1 % of the population."""
            ),
            "general_feedback": _t(
                """False. "Regularly" requires the threshold in two thirds of the seasons
                (here four of six), or a mean of the seasonal maxima over at least five years
                that reaches the threshold."""
            ),
            "choices": [
                _choice("True", False),
                _choice("False", True),
            ],
        },
        {
            "type": "numeric",
            "prompt": _t(
                """A depth transect has 25 marks. Five marks are in the 1-20 cm class. What
                percentage of the transect lies in that class?"""
            ),
            "general_feedback": "5 / 25 x 100 = 20 %.",
            "answer": 20,
            "tolerance": 0.5,
            "tolerance_kind": "absolute",
        },
        {
            "type": "ordering",
            "prompt": "Put the steps of a depth transect in order.",
            "general_feedback": _t(
                """Fix the start, read the gauge, measure along the line, note substrate and
                vegetation, and read the gauge again to correct for any change in level."""
            ),
            "items": [
                "Fix the start of the transect with a post, GPS position and bearing.",
                "Read the staff gauge and note the time.",
                "Measure depth with a graduated rod at every mark.",
                "Note substrate and vegetation at each mark.",
                "Read the staff gauge again at the end.",
            ],
        },
        {
            "type": "matching",
            "prompt": "Match each Ramsar criterion with what it is about.",
            "general_feedback": "Criteria 2, 4, 5 and 6 are the most used for waterbird sites.",
            "pairs": [
                ["Criterion 2", "Supports threatened species or ecological communities"],
                ["Criterion 4", "Supports species at a critical stage of their life cycle"],
                ["Criterion 5", "Regularly supports 20,000 or more waterbirds"],
                ["Criterion 6", "Regularly supports 1 % of a waterbird population"],
            ],
        },
        {
            "type": "single_choice",
            "prompt": _t(
                """Where along a new power line is marking with bird flight diverters most
                important for cranes?"""
            ),
            "general_feedback": _t(
                """Where the line crosses the daily flight paths between roosts and feeding
                areas, which your count sheets' flock-movement records reveal."""
            ),
            "choices": [
                _choice(
                    "Where it crosses flight paths between roosts and feeding areas.",
                    True,
                    "Correct.",
                ),
                _choice(
                    "Near the substation, where the wires are lowest.",
                    False,
                    "Height alone does not tell you where birds fly.",
                ),
                _choice(
                    "Evenly along the whole line, whatever the birds do.",
                    False,
                    "Marking is most effective where birds actually cross.",
                ),
            ],
        },
        {
            "type": "multiple_choice",
            "prompt": _t(
                """Which agricultural practices reduce a site's value for cranes? Choose all
                that apply."""
            ),
            "general_feedback": _t(
                """Drainage, autumn ploughing, spring burning and heavy grazing in nesting
                areas all reduce habitat or food. Harvested rice fields left unploughed over
                winter provide food."""
            ),
            "choices": [
                _choice("Draining wet meadows for cropland.", True),
                _choice("Ploughing stubble fields in autumn.", True),
                _choice("Spring burning of grassland and reed beds.", True),
                _choice(
                    "Leaving harvested rice fields unploughed over winter.",
                    False,
                    "This leaves waste grain that wintering cranes feed on.",
                ),
            ],
        },
        {
            "type": "short_text",
            "prompt": _t(
                """Which organisation publishes the Waterbird Population Estimates used to set
                Ramsar 1 % thresholds?"""
            ),
            "general_feedback": "Wetlands International.",
            "accepted": ["Wetlands International"],
        },
    ],
}

# The data-analysis quizzes ask for figures of the course's practice data set; their answers
# are computed from the generator when the demo is built, never typed in (tests recompute
# them from the downloaded files).
PRACTICE = practice_data.quiz_answers()

DATA_ANALYSIS_QUIZ = {
    "title": "Crane data analysis: final quiz",
    "pass_mark": 70,
    "questions": [
        {
            "type": "numeric",
            "prompt": _t(
                """Practice data, clean sheet. What is the total of Hooded Cranes on the
                synchronised count of 2021, after removing the birds counted twice (the
                column already_counted)?"""
            ),
            "general_feedback": _t(
                f"""Sum of total minus sum of already_counted over the Hooded Crane rows of
                2021: {PRACTICE["hooded_total_2021"]} birds."""
            ),
            "answer": PRACTICE["hooded_total_2021"],
            "tolerance": 0,
            "tolerance_kind": "absolute",
        },
        {
            "type": "numeric",
            "prompt": _t(
                """Practice data, clean sheet. What is the juvenile ratio, in percent, of
                White-naped Cranes at site S05 in 2023? Give one decimal."""
            ),
            "general_feedback": _t(
                f"""100 x juveniles / (adults + juveniles), leaving unaged birds out:
                {PRACTICE["white_naped_ratio_s05_2023"]} %."""
            ),
            "answer": PRACTICE["white_naped_ratio_s05_2023"],
            "tolerance": 0.1,
            "tolerance_kind": "absolute",
        },
        {
            "type": "numeric",
            "prompt": _t(
                """Practice data, clean sheet. What is the mean brood size (juveniles per
                recorded family) of Hooded Cranes in 2024, over all sites? Give two
                decimals."""
            ),
            "general_feedback": _t(
                f"""(families_1_juv + 2 x families_2_juv) / (families_1_juv +
                families_2_juv), each summed over the sites: {PRACTICE["hooded_brood_2024"]}."""
            ),
            "answer": PRACTICE["hooded_brood_2024"],
            "tolerance": 0.01,
            "tolerance_kind": "absolute",
        },
        {
            "type": "numeric",
            "prompt": _t(
                """Practice data, clean sheet. Take the Hooded Crane sites counted in all ten
                seasons, and for each season the sum of total minus already_counted over those
                sites. Fit the log-linear trend: by how many percent a season does the number
                change? Give one decimal."""
            ),
            "general_feedback": _t(
                f"""The slope b of ln(total) on season gives 100 x (exp(b) - 1) =
                {PRACTICE["hooded_trend"]} % a season."""
            ),
            "answer": PRACTICE["hooded_trend"],
            "tolerance": 0.2,
            "tolerance_kind": "absolute",
        },
        {
            "type": "numeric",
            "prompt": _t(
                """Practice data, clean sheet. For White-naped Cranes at the sites counted in
                all ten seasons (total minus already_counted), what is the index of 2025 with
                2016 = 100? Give one decimal."""
            ),
            "general_feedback": _t(
                f"""100 x the 2025 total / the 2016 total = {PRACTICE["white_naped_index_2025"]}."""
            ),
            "answer": PRACTICE["white_naped_index_2025"],
            "tolerance": 0.2,
            "tolerance_kind": "absolute",
        },
        {
            "type": "single_choice",
            "prompt": _t(
                """Your count series shows a clear decline at your sites. Which conclusion
                can the trend alone support?"""
            ),
            "general_feedback": _t(
                """A trend describes the sites counted. Birds may have moved to other sites,
                detection may have changed, and the past line is no forecast."""
            ),
            "choices": [
                _choice("Fewer cranes used the counted sites over the period.", True),
                _choice("The world population of the species is falling.", False),
                _choice("The decline is caused by poor breeding.", False),
                _choice("The decline will continue at the same rate.", False),
            ],
        },
        {
            "type": "true_false",
            "prompt": _t(
                """A site that was not visited should be entered with a count of 0, so that
                the season total can still be added up."""
            ),
            "general_feedback": _t(
                """False. A missed visit has no count: leave it empty and note why. A 0 means
                the site was counted and no crane was there."""
            ),
            "choices": [_choice("True", False), _choice("False", True)],
        },
        {
            "type": "single_choice",
            "prompt": _t(
                """On a map of counts with circles, how should the circle grow with the
                count?"""
            ),
            "general_feedback": _t(
                """Readers compare areas: make the area proportional to the count, that is
                the radius proportional to its square root."""
            ),
            "choices": [
                _choice("Its area in proportion to the count.", True),
                _choice("Its radius in proportion to the count.", False),
                _choice("Its colour only; the size stays the same.", False),
            ],
        },
    ],
}

DATA_ANALYSIS_PRE_TEST = {
    "title": "Crane data analysis: pre-test",
    "pass_mark": 50,
    "questions": [
        {
            "type": "numeric",
            "prompt": _t(
                """Practice data, raw sheet. How many rows of data does the raw sheet have,
                not counting the header? (The clean sheet has one row fewer; the first module
                shows why.)"""
            ),
            "general_feedback": _t(
                f"""{PRACTICE["raw_rows"]} rows; one of them was typed twice and is removed in
                the clean sheet."""
            ),
            "answer": PRACTICE["raw_rows"],
            "tolerance": 0,
            "tolerance_kind": "absolute",
        },
        {
            "type": "numeric",
            "prompt": _t(
                """Practice data, clean sheet. How many White-naped Cranes did the synchronised
                count of 2017 find, after removing the birds counted twice (the column
                already_counted)?"""
            ),
            "general_feedback": _t(
                f"""Sum of total minus sum of already_counted over the White-naped Crane rows of
                2017: {PRACTICE["white_naped_total_2017"]} birds."""
            ),
            "answer": PRACTICE["white_naped_total_2017"],
            "tolerance": 0,
            "tolerance_kind": "absolute",
        },
        {
            "type": "numeric",
            "prompt": _t(
                """Practice data, clean sheet. What is the juvenile ratio, in percent, of Hooded
                Cranes in 2019 over all sites (juveniles among the aged birds)? Give one
                decimal."""
            ),
            "general_feedback": _t(
                f"""Add adults and juveniles over the sites, then 100 x juveniles / (adults +
                juveniles) = {PRACTICE["hooded_ratio_2019"]} %."""
            ),
            "answer": PRACTICE["hooded_ratio_2019"],
            "tolerance": 0.1,
            "tolerance_kind": "absolute",
        },
        {
            "type": "single_choice",
            "prompt": "Which way of writing a date cannot be misread and sorts correctly?",
            "general_feedback": "Year first, with month and day in two digits: 2024-09-28.",
            "choices": [
                _choice("2024-09-28", True),
                _choice("28.09.2024", False),
                _choice("09/28/2024", False),
                _choice("28 Sept.", False),
            ],
        },
    ],
}

# Conservation planning for cranes and wetlands (courses/demo_content/conservation_planning.py).
# The Ekhen Gol Valley Reserve is the course's fictional site; its figures are for practice.
PLANNING_QUIZ = {
    "title": "Conservation planning for cranes and wetlands: final quiz",
    "pass_mark": 70,
    "questions": [
        {
            "type": "single_choice",
            "prompt": _t(
                """In the plan for the fictional Ekhen Gol Valley Reserve, which of these is a
                pressure rather than a direct threat?"""
            ),
            "general_feedback": _t(
                """The power line is the threat (a human activity); birds killed by collision
                are the pressure (the damage it does to the target); the solar plant's need for
                a grid connection is a contributing factor."""
            ),
            "choices": [
                _choice(
                    "Adult cranes killed by collision with the wires.",
                    True,
                    "Correct: the damage done to the target is the pressure.",
                ),
                _choice(
                    "The 110 kV line planned across the valley.",
                    False,
                    "The line is the direct threat: the human activity that causes the harm.",
                ),
                _choice(
                    "The new solar plant that needs a grid connection.",
                    False,
                    "That drives the threat: it is a contributing factor.",
                ),
            ],
        },
        {
            "type": "multiple_choice",
            "prompt": "Which of these objectives are SMART? Choose all that apply.",
            "general_feedback": _t(
                """A SMART objective states a result for one target, can be measured, is within
                the partners' reach, answers a threat and names a year. "Work with herders" and
                "protect the cranes better" are activities or wishes, not results."""
            ),
            "choices": [
                _choice(
                    _t(
                        """By 2029, haymaking in the four meadows where cranes nested in the
                        last three years starts after 1 August, under a written agreement."""
                    ),
                    True,
                ),
                _choice(
                    _t(
                        """By 2028, every span of the line within 1 km of the roost lakes is
                        marked with flight diverters."""
                    ),
                    True,
                ),
                _choice(
                    "Work closely with the herder families.",
                    False,
                    "An activity with no result, measure or date.",
                ),
                _choice(
                    "Protect the cranes of the valley better.",
                    False,
                    "Neither specific nor measurable, and it names no year.",
                ),
            ],
        },
        {
            "type": "ordering",
            "prompt": "Put the steps of the mitigation hierarchy in the order they are applied.",
            "general_feedback": _t(
                """Avoid the harm first (route the line elsewhere), then minimise it (mark the
                wires), then restore what was damaged; compensate elsewhere only as a last
                resort."""
            ),
            "items": [
                "Avoid the harm.",
                "Minimise the harm that cannot be avoided.",
                "Restore what was damaged.",
                "Compensate elsewhere for what remains.",
            ],
        },
        {
            "type": "matching",
            "prompt": "Match each indicator with its kind.",
            "general_feedback": _t(
                """Action indicators say whether the plan was carried out, pressure indicators
                follow the damage, and target indicators follow the birds and habitat
                themselves."""
            ),
            "pairs": [
                ["Share of spans near the lakes marked", "Action indicator"],
                ["Carcasses found per search under the line", "Pressure indicator"],
                ["Breeding pairs of White-naped Cranes", "Target indicator"],
            ],
        },
        {
            "type": "true_false",
            "prompt": _t(
                """If every action in the plan has been carried out, the action indicators
                show that the cranes of the site are recovering."""
            ),
            "general_feedback": _t(
                """False. Action indicators show what was done, not whether it helped: a line
                can be fully marked and still kill birds. Pressure and target indicators answer
                that."""
            ),
            "choices": [
                _choice("True", False, "Doing the work is not the same as reaching the result."),
                _choice("False", True, "Correct: measure pressures and targets as well."),
            ],
        },
        {
            "type": "single_choice",
            "prompt": _t(
                """Spans of a power line are marked. Which monitoring design best shows whether
                the marking reduced collisions?"""
            ),
            "general_feedback": _t(
                """Before-after-control-impact: carcass searches on a fixed route for at least
                two seasons before marking and after it, at marked and at unmarked spans. If
                collisions fall only at marked spans, marking is the likely reason."""
            ),
            "choices": [
                _choice(
                    _t(
                        """Search marked and unmarked spans on a fixed route, for seasons
                        before and after the marking."""
                    ),
                    True,
                    "Correct: a before-after-control-impact design.",
                ),
                _choice(
                    "Search the marked spans once, in the season after marking.",
                    False,
                    "Without a baseline or a comparison, one season says little.",
                ),
                _choice(
                    "Count how many diverters were fitted.",
                    False,
                    "That is an action indicator; it does not measure collisions.",
                ),
                _choice(
                    "Ask the power company whether it has received reports of dead birds.",
                    False,
                    "Reports are useful leads, but not a repeatable measure.",
                ),
            ],
        },
        {
            "type": "numeric",
            "prompt": _t(
                """Practice figures: on the same route, with the same search effort, a team
                found 12 crane carcasses under the marked spans in the season before marking
                and 5 in the season after. By how many percent did the carcasses found fall?
                Give one decimal place."""
            ),
            "general_feedback": _t(
                """(12 - 5) / 12 x 100 = 58.3 %. Before crediting the marking, compare with the
                unmarked spans over the same seasons, and correct for carcasses removed by
                scavengers or missed by searchers."""
            ),
            "answer": 58.3,
            "tolerance": 0.2,
            "tolerance_kind": "absolute",
        },
        {
            "type": "short_text",
            "prompt": _t(
                """What is a country called in which a migratory species occurs at any stage of
                its life cycle (breeding, on migration or in winter)? Two words."""
            ),
            "general_feedback": "A range state.",
            "accepted": ["range state", "a range state", "range states"],
            # The term as the translated course writes it, accepted from learners reading it.
            "accepted_in_language": {
                "zh-hans": ["分布国"],
                "ja": ["分布国"],
                "ko": ["분포국"],
                "mn": ["тархацын улс", "тархацын улсууд", "тархацын орон", "тархацын орнууд"],
                "ru": ["государство ареала", "государства ареала", "страна ареала"],
            },
        },
        {
            "type": "single_choice",
            "prompt": _t(
                """Who is preparing the third edition (2026-2036) of the international single
                species action plan for the Black-faced Spoonbill?"""
            ),
            "general_feedback": _t(
                """WWF Hong Kong and the EAAFP Black-faced Spoonbill Working Group, under the
                coordination of NEASPEC (NEASPEC programme document, 2025)."""
            ),
            "choices": [
                _choice(
                    _t(
                        """WWF Hong Kong and the EAAFP Black-faced Spoonbill Working Group,
                        coordinated by NEASPEC."""
                    ),
                    True,
                    "Correct.",
                ),
                _choice(
                    "The Ramsar Convention Secretariat alone.",
                    False,
                    "The Ramsar Convention designates sites; it does not write this plan.",
                ),
                _choice(
                    "A single range state, for its own coasts.",
                    False,
                    "An international plan is written with all the range states of the flyway.",
                ),
            ],
        },
        {
            "type": "multiple_choice",
            "prompt": _t(
                """You are preparing a first meeting with the herder families of a crane
                valley. What is good practice? Choose all that apply."""
            ),
            "general_feedback": _t(
                """Meet at a time that suits them, start from what they know and care about,
                and record what was agreed in their language. Promising what you cannot deliver
                ends cooperation."""
            ),
            "choices": [
                _choice("Choose a date outside haymaking and other busy seasons.", True),
                _choice("Start from what they know about the cranes and the valley.", True),
                _choice("Send a written summary of what was agreed, in the local language.", True),
                _choice(
                    "Promise compensation to win agreement, and find the money later.",
                    False,
                    "A broken promise ends cooperation for years.",
                ),
            ],
        },
    ],
}

PLANNING_PRE_TEST = {
    "title": "Conservation planning for cranes and wetlands: pre-test",
    "pass_mark": 50,
    "questions": [
        {
            "type": "single_choice",
            "prompt": _t("""Where is a new power line most likely to kill cranes by collision?"""),
            "general_feedback": _t(
                """Where it crosses the daily flights between roosts and feeding areas,
                especially in fog and at dusk."""
            ),
            "choices": [
                _choice("Across the flight path between a roost and feeding meadows.", True),
                _choice("Along a road far from any wetland.", False),
                _choice("Anywhere: collision risk is the same along the whole line.", False),
            ],
        },
        {
            "type": "true_false",
            "prompt": _t(
                """"Hold two meetings with herders" is a good objective for a site action
                plan."""
            ),
            "general_feedback": _t(
                """False. It is an activity. An objective states a result for a target, with a
                measure and a date."""
            ),
            "choices": [
                _choice("True", False),
                _choice("False", True),
            ],
        },
        {
            "type": "multiple_choice",
            "prompt": "Which of these belong in a site action plan? Choose all that apply.",
            "general_feedback": _t(
                """Objectives, actions, indicators and who is responsible for each action are
                the core of a plan. A species list of the whole country is not."""
            ),
            "choices": [
                _choice("Objectives.", True),
                _choice("Indicators with baselines.", True),
                _choice("Who leads each action, and when.", True),
                _choice("A list of every bird species in the country.", False),
            ],
        },
        {
            "type": "short_text",
            "prompt": "What does the M in a SMART objective stand for?",
            "general_feedback": "Measurable: you can tell, with data, whether it was met.",
            "accepted": ["Measurable", "measurable"],
            "accepted_in_language": {
                "zh-hans": ["可衡量", "可衡量的"],
                "ja": ["測定可能", "測定可能な"],
                "ko": ["측정 가능", "측정가능", "측정 가능한"],
                "ru": ["измеримая", "измеримый", "измеримое", "измеримость"],
                "mn": ["хэмжигдэхүйц", "хэмжигдэхүйц байх", "хэмжих боломжтой"],
            },
        },
        {
            "type": "single_choice",
            "prompt": _t(
                """Which flyway partnership brings together the countries and organisations
                working for the Black-faced Spoonbill in East Asia?"""
            ),
            "general_feedback": _t(
                """The East Asian-Australasian Flyway Partnership (EAAFP), through its
                Black-faced Spoonbill Working Group."""
            ),
            "choices": [
                _choice("The East Asian-Australasian Flyway Partnership (EAAFP).", True),
                _choice("The African-Eurasian Waterbird Agreement (AEWA).", False),
                _choice("The Central Asian Flyway initiative.", False),
            ],
        },
    ],
}

QUIZZES = {
    "crane-survey-techniques": CRANE_SURVEY_QUIZ,
    "crane-survey-techniques:pre": CRANE_SURVEY_PRE_TEST,
    "colour-banding": COLOUR_BANDING_QUIZ,
    "drones-remote-sensing": DRONES_QUIZ,
    "wetland-habitat-assessment": WETLAND_QUIZ,
    "crane-data-analysis": DATA_ANALYSIS_QUIZ,
    "crane-data-analysis:pre": DATA_ANALYSIS_PRE_TEST,
    "conservation-planning": PLANNING_QUIZ,
    "conservation-planning:pre": PLANNING_PRE_TEST,
}
