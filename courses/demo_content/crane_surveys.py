"""Flagship course 1: crane survey techniques.

Written for early-career field researchers in China, Japan, Mongolia, Korea and Russia.
Figures in the worked examples are invented for practice and are labelled as such;
every real-world figure names its source.
"""

from courses.demo_content._util import text

HOODED_CRANE = {
    "common_names": {
        "en": "Hooded Crane",
        "zh": "白头鹤",
        "ja": "ナベヅル",
        "ko": "흑두루미",
        "mn": "Хар тогоруу",
        "ru": "Черный журавль",
    },
    "scientific_name": "Grus monacha",
    "status": "VU",
    "identification": text(
        """Small, dark crane. Adult: body slate-grey to blackish; head and upper neck white
        with a small bare red patch on the crown and black in front of the eye. Juvenile
        (first winter): head and neck washed buff to rusty, crown feathered without the red
        patch, body browner. Status: Vulnerable on the IUCN Red List (check the current
        assessment at iucnredlist.org before quoting it)."""
    ),
}

WHITE_NAPED_CRANE = {
    "common_names": {
        "en": "White-naped Crane",
        "zh": "白枕鹤",
        "ja": "マナヅル",
        "ko": "재두루미",
        "mn": "Цэн тогоруу",
        "ru": "Даурский журавль",
    },
    "scientific_name": "Antigone vipio",
    "status": "VU",
    "identification": text(
        """Large grey crane. Adult: bare red skin around the eye; white crown, nape and back
        of the neck; a dark grey stripe runs up the front and side of the neck towards the
        face; pinkish legs.
        Juvenile (first winter): head and neck brownish-buff with the pattern only faintly
        shown, little or no red on the face, brown fringes on the back feathers. Status:
        Vulnerable on the IUCN Red List (check the current assessment before quoting it)."""
    ),
}

MODULE_PLANNING = {
    "slug": "planning-synchronised-counts",
    "title": "Planning a synchronised count at roosts and feeding sites",
    "summary": text(
        """Why cranes are counted at the same moment at every site, how to choose between
        roost and feeding-site counts, and how to organise teams, timing and coverage."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Why counts must be synchronised</h2>
<p>Cranes are mobile. A flock that roosts in a river bend at dawn may feed in harvested
fields 5 km away by mid-morning and visit a second wetland in the afternoon. If one team
counts the roost on Monday and another team counts the fields on Tuesday, the same birds
may be counted twice, or missed twice. A <strong>synchronised count</strong> removes most of
this problem: every site in the area is counted within the same short time window, so each
bird can only be in one place when it is counted.</p>
<p>Synchronisation works at every scale. At a single wetland complex it means that the three
or four observation points around a roost count at the same minutes. Across a country it
means an agreed count day. Across the flyway it means that national teams in China, Japan,
Korea, Mongolia and Russia agree a date or a short period so that the totals can be added
up. The January counts of the Asian Waterbird Census, coordinated by Wetlands International,
are an example of a flyway-wide window.</p>
<h2>Roost counts or feeding-site counts?</h2>
<p>Cranes gather at night in shallow water or on open, undisturbed ground, where they are
safe from foxes, wolves and dogs. Roosts are usually fewer and more predictable than feeding
sites, which makes them the best place for a <strong>total count</strong>.</p>
<ul>
<li><strong>Morning departure counts.</strong> Observers are in position before first light
and count birds as they leave the roost in flocks. Flocks usually leave in waves rather than
all at once, so each departing group can be counted while it is in the air against a bright
sky. Record the
time and direction of each flock: it tells you where the feeding sites are.</li>
<li><strong>Evening arrival counts.</strong> The same in reverse. Arrivals often continue
into dusk, so light becomes the limiting factor. Stop counting when you can no longer see
birds clearly and record the time you stopped.</li>
<li><strong>Feeding-site counts.</strong> Birds are spread over fields or marsh in daylight,
so you can also count <em>adults and juveniles</em> and <em>family groups</em>, which is hard
at a roost. Feeding sites are more numerous, so you need more teams or a driving route.</li>
</ul>
<p>A good design often combines both: a synchronised roost count gives the total, and
feeding-site counts on the same or next day give the age ratio and family data.</p>
<h2>Organising the teams</h2>
<p>Start from a map of all known roosts and feeding areas, drawn from earlier counts, local
reports and satellite imagery. Divide the area into <strong>count units</strong> with clear
boundaries (a river, a road, a dyke) so that no field belongs to two teams. Give each unit
to a team of at least two: one person counts and the other records, watches for flocks
entering or leaving the unit, and checks the count. For a roost that cannot be seen from
one point, place teams on opposite sides and agree which sector each counts, using
landmarks that both can see.</p>
<p>Agree the timing in writing: the start and end time of the count, the time zone (teams in
Zabaykalsky Krai in Russia work on UTC+9, their neighbours in Mongolia and China on
UTC+8), and what to do if fog or snow makes counting impossible. Synchronise phones
or watches before you leave. Carry a radio or agree a messaging group so that a team can
report a large flock leaving its unit towards a neighbour's.</p>
<h2>Common mistakes</h2>
<ul>
<li>Counting a unit, then driving to the next and counting again after the birds have moved
with you. Either count all units at once, or follow a route that moves against the
direction in which the birds are travelling and note every flock in flight.</li>
<li>Leaving out "empty" units. A count of zero at a visited site is data; a site that was
not visited is missing data. Your data sheet must show the difference.</li>
<li>Counting at a roost that was disturbed in the night. Birds may have moved to another
roost. Note any disturbance and, if possible, check the alternative roosts.</li>
<li>Changing the method from year to year. Trends are only comparable when the units, the
timing and the method stay the same. Write a short protocol and keep it with the data.</li>
</ul>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/synchronised-count-units.svg",
                "caption": text(
                    """Count units with boundaries on landmarks (a river, a road), one team per
                    unit, two observation points on opposite banks of a roost, and flock
                    movements recorded with time and number. All teams count in one window."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        ("species_card", HOODED_CRANE),
        ("species_card", WHITE_NAPED_CRANE),
        (
            "protocol",
            {
                "title": "The day before a synchronised roost count",
                "steps": [
                    text(
                        """Check the count-unit map: every roost and feeding area belongs
                        to exactly one team, with its boundaries marked."""
                    ),
                    text(
                        """Visit the observation point in daylight. Find a position with the
                        sky behind the flight line and a screen (a dyke, a reed bed, a
                        vehicle) so that you do not flush the birds when you arrive."""
                    ),
                    text(
                        """Agree the start and end time, the time zone and the method for
                        the day (departure count, arrival count or standing count)."""
                    ),
                    text(
                        """Synchronise watches and phones; test radios; share the emergency
                        contact list and the nearest medical point."""
                    ),
                    text(
                        """Pack: binoculars, telescope and tripod, two tally counters, data
                        sheets on a clipboard with pencil, GPS or phone, camera with a
                        charged battery, warm clothes, headlamp with a red light."""
                    ),
                    text(
                        """Arrive at least 45 minutes before sunrise (or two hours before
                        sunset for an arrival count) and record the weather and visibility
                        before the first flock moves."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "ethics",
                "title": "Do not flush a roost to count it",
                "text": text(
                    """Cranes that are flushed from a roost at night may fly into power lines
                    or leave the site for days. Approach only in daylight, stay behind cover
                    and never walk or drive towards a roost to make the birds fly up so that
                    they are easier to count."""
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "safety",
                "title": "Cold mornings and border zones",
                "text": text(
                    """Dawn counts in late autumn and winter mean long waits in sub-zero
                    temperatures: dress in layers and carry a hot drink. Several crane sites
                    lie in border zones of China, Mongolia and Russia where permits are
                    needed to be present at all. Carry your documents and tell the local
                    border post or ranger where you will be."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Synchronised count",
                "definition": text(
                    """A count in which all sites in an area are counted within the same agreed
                    time window, so that birds moving between sites are counted only once."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Count unit",
                "definition": text(
                    """A piece of the survey area with clear boundaries assigned to one team,
                    such that every site belongs to exactly one unit."""
                ),
            },
        ),
    ],
}

MODULE_FLOCKS = {
    "slug": "counting-large-flocks",
    "title": "Counting large flocks: direct counts, block counting and photographs",
    "summary": text(
        """How to count a flock of dozens to thousands of cranes accurately: when to count
        one by one, how to estimate with blocks, how to check yourself with photographs and
        how to avoid double counts."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Direct counts</h2>
<p>Whenever the birds are few enough and still enough, count them one by one. Scan the flock
with the telescope from one edge to the other along a fixed line (left to right, then the
next row back) and click a tally counter for each bird. For a standing flock of up to a few
hundred cranes, two observers who count independently and then compare usually agree within
a few birds. If your two counts differ by more than about 5 %, count again.</p>
<p>Use landmarks in the flock's background (a bush, a fence post, a puddle) to divide it into
sections and count one section at a time. Note the number for each section on the sheet: if
the birds move half-way through, you know which sections are done.</p>
<h2>Block counting</h2>
<p>When a flock is too large or moving too fast to count bird by bird, you
<strong>estimate with blocks</strong>. Count a small group of birds exactly, say 10, and look
hard at how much space that group fills. Then use that group as a template and move it in
your mind across the flock, counting how many blocks of that size the flock contains.</p>
<ol>
<li>Count exactly a block of 10 birds (for flocks of some hundreds) or 50 or 100 (for
flocks of thousands, once you have practised).</li>
<li>Move across the flock block by block, counting the blocks on the tally counter.</li>
<li>Multiply: blocks x block size, and add the birds left over at the edge.</li>
<li>Repeat the estimate at least once, starting from the other side of the flock.</li>
</ol>
<p>The density of a flock is not even: birds are packed at the centre and spread at the
edges, and in flight the front of a skein is often denser than the tail. Re-count a new
block whenever the density changes, instead of applying one block size to the whole flock.
Observers almost always <em>underestimate</em> very large flocks and overestimate small ones
when they estimate by eye; block counting reduces, but does not remove, this bias.</p>
<h3>Worked example (practice figures)</h3>
<p>A flock of White-naped Cranes is feeding on a harvested field. You count a block of 20
birds on the left edge and find that it covers about one fifth of the width of the fence
panel behind it. The flock stretches across 9 such panels, but the last 3 panels are only
half as dense. Estimate: 6 panels x 5 blocks x 20 birds = 600, plus 3 panels x 5 blocks x
10 birds = 150, total about 750. Your partner, starting from the right, estimates 700. You
record 725 as a <strong>block estimate</strong> with the range 700 to 750, and you take
photographs of the whole flock to count later.</p>
<h2>Checking with photographs</h2>
<p>Photographs are the best check for large flocks. Take overlapping photographs of the whole
flock from one position, left to right, with a fixed zoom, and note where each frame begins
and ends using a landmark. Later, on a computer, mark every bird with a dot (free software
such as ImageJ/Fiji has a multi-point counter) and avoid counting the birds in the overlap
twice by drawing a line on one landmark in each pair of frames. Record the photo count as a
separate figure from the field estimate: comparing the two over many counts tells you how
much you over- or underestimate, which is a useful part of your training.</p>
<p>Flying flocks can be photographed against the sky with a fast shutter speed. A flock that
is counted as it leaves the roost should be photographed at the moment it is most spread
out, usually just after take-off.</p>
<h2>Avoiding double counts</h2>
<ul>
<li>Record the <strong>time and direction</strong> of every flock that enters or leaves your
unit. When teams compare their sheets, a flock of 120 leaving unit A at 07:42 towards unit B
and a flock of 120 arriving in unit B at 07:50 is very probably the same flock.</li>
<li>Count flocks that have landed, not flocks that are circling; circling birds often land
in the neighbouring unit.</li>
<li>At a roost, count either departures or the birds standing in the roost before
departure, never both.</li>
<li>When counting from a moving vehicle, count only the birds on one side of the road (the
other side belongs to another route or to the return leg).</li>
</ul>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/block-counting.svg",
                "caption": text(
                    """Block counting: one block of 10 cranes is counted exactly, then the
                    flock is divided into blocks of similar size. Where the density changes,
                    a new block is counted."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        (
            "protocol",
            {
                "title": "Block count of a large flock",
                "steps": [
                    text(
                        """Write down the time, your position and whether the flock is
                        standing, feeding or flying."""
                    ),
                    text(
                        """Count one block exactly (10, 20, 50 or 100 birds, depending on
                        the size of the flock and on your practice)."""
                    ),
                    text(
                        """Count the number of blocks across the flock, re-counting a new
                        block where the birds are more spread or more packed."""
                    ),
                    text(
                        """Make a second, independent estimate from the other side; your
                        partner makes one too without hearing yours."""
                    ),
                    text(
                        """Record each estimate, the method ("block of 20") and the range,
                        then photograph the whole flock in overlapping frames."""
                    ),
                    text(
                        """Back at base, count the photographs and enter both the field
                        estimate and the photo count, marked as such."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": "Practise on photographs",
                "text": text(
                    """Before the season, estimate flocks on photographs whose true count is
                    known, then check yourself. Ten minutes a day for a week improves block
                    estimates noticeably. The quiz at the end of this course contains one
                    such exercise."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Block counting",
                "definition": text(
                    """Estimating a large flock by counting a block of birds exactly and then
                    counting how many blocks of the same size the flock contains."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Double count",
                "definition": text(
                    """Counting the same bird more than once during one survey, usually
                    because it moved between sites or units during the count."""
                ),
            },
        ),
    ],
}

MODULE_AGE = {
    "slug": "juvenile-ratios-family-groups",
    "title": "Juvenile ratios and family groups as indices of breeding success",
    "summary": text(
        """How to age cranes in the field in autumn and winter, how to count family groups,
        and how to calculate and report the juvenile ratio and mean brood size."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Why count juveniles?</h2>
<p>Cranes are long-lived and raise few young. A pair usually lays two eggs, and often only one
chick, or none, survives to fly. Breeding grounds are remote and spread over the wetlands of
Mongolia, north-east China and the Russian Far East, so measuring breeding success at the
nests is slow and costly. The young, however, migrate with their parents and stay with them
through the first winter. Counting the <strong>share of juveniles</strong> in autumn and
winter flocks therefore gives an index of how well the population bred that year. A series
of years of low juvenile ratios is an early warning, long before the total count falls.</p>
<h2>Ageing cranes in the field</h2>
<p>In autumn and winter, first-year cranes (juveniles) can still be told from adults by the
colour of the head and neck. The drawing below shows the cues.</p>
<ul>
<li><strong>Hooded Crane:</strong> the adult has a clean white head and upper neck with a
small red crown. The juvenile's head and neck are washed buff or rusty and the crown is
feathered, without red.</li>
<li><strong>White-naped Crane:</strong> the adult has bare red skin around the eye and a
white stripe down the nape. The juvenile has a brownish-buff head with little or no red and
only a faint pattern; its back feathers have brown fringes.</li>
</ul>
<p>Light matters: in low, warm morning light an adult's white neck can look buff. Age birds
with the sun behind you, and if in doubt, record the bird as <em>age unknown</em>. A ratio
computed only from birds that you could age with confidence is worth far more than one that
includes guesses.</p>
<h2>Family groups</h2>
<p>On feeding grounds, cranes are often seen in small units: two adults with one or two
juveniles walking close together, the adults calling or threatening other cranes that come
near. Count each family and record its size as "2 adults + 1 juvenile" or "2 adults + 2
juveniles". Pairs without young and single birds are recorded separately. Do not assume that
a juvenile standing near two adults is their young: watch for a minute. Family members move
together, feed close to each other, and fly together.</p>
<h2>Calculating the indices</h2>
<p>Two indices are in common use:</p>
<ul>
<li><strong>Juvenile ratio</strong> (percentage of juveniles): juveniles divided by all birds
that were aged (adults + juveniles), times 100. Birds of unknown age are left out of both the
numerator and the denominator.</li>
<li><strong>Mean brood size</strong>: the number of juveniles in family groups divided by the
number of family groups that have at least one juvenile.</li>
</ul>
<h3>Worked example (practice figures)</h3>
<p>At a feeding site you age 412 Hooded Cranes: 361 adults and 51 juveniles; another 88
birds were too far away to age. The juvenile ratio is 51 / 412 x 100 = 12.4 %, not 51 / 500.
Among the families you counted, 28 had one juvenile and 9 had two. Mean brood size =
(28 x 1 + 9 x 2) / (28 + 9) = 46 / 37 = 1.24 juveniles per successful pair.</p>
<p>Report the indices with the sample size (n = 412 birds aged; n = 37 families), the site,
the date and the method. A juvenile ratio from 40 birds is not comparable with one from
4000, and readers need to know which it is.</p>
<h2>Common mistakes</h2>
<ul>
<li>Ageing only the birds that look "interesting". Age every bird along a scan line, in
order, whatever it looks like; otherwise juveniles, which stand out, are over-represented.</li>
<li>Ageing a roost at dusk. Light is too poor; age birds on feeding grounds in good light.</li>
<li>Mixing species. Hooded and White-naped Cranes, and in places Common Cranes, feed
together: compute the ratio per species.</li>
<li>Ageing late in winter without saying so. By late winter some juveniles have moulted
towards adult appearance; note the date, and compare years at the same time of the season.</li>
</ul>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/crane-age-cues.svg",
                "caption": text(
                    """Ageing cues in winter: adult and juvenile heads of Hooded and White-naped
                    Cranes, and a family group of two adults with two juveniles."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        (
            "protocol",
            {
                "title": "Age-ratio scan at a feeding site",
                "steps": [
                    text(
                        """Choose a flock in good light with the sun behind you, close
                        enough that head colour is clear in the telescope."""
                    ),
                    text(
                        """Scan along a fixed line from one edge of the flock; for each bird
                        in turn press the 'adult' or 'juvenile' tally counter, or note
                        'unknown'."""
                    ),
                    text(
                        """Do not skip birds and do not go back; if the flock moves, stop and
                        record what you have."""
                    ),
                    text(
                        """Then scan again for family groups only, recording each family's
                        number of juveniles."""
                    ),
                    text(
                        """Write the totals, the time, the species and the distance to the
                        flock on the sheet."""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "Juvenile ratio",
                "definition": text(
                    """The percentage of first-year birds among all birds that were aged in a
                    sample; birds of unknown age are excluded."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Mean brood size",
                "definition": text(
                    """The average number of juveniles per family group that has at least one
                    juvenile."""
                ),
            },
        ),
    ],
}

MODULE_DATA = {
    "slug": "data-sheets-and-sharing",
    "title": "Field data sheets, checking the data and sharing counts",
    "summary": text(
        """What a crane count data sheet records and why, how to check and enter the data,
        and how your counts reach national and flyway-wide censuses."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>The data sheet</h2>
<p>A count that cannot be interpreted later is lost. The data sheet is designed so that a
colleague who was not there, ten years from now, can tell exactly what was counted, where,
when, how, and how well. Use the same sheet for every count in a scheme. The minimum is:</p>
<ul>
<li><strong>Who, where, when:</strong> observers, site name and code, coordinates of the
observation point (decimal degrees, WGS84), date, start and end time, time zone.</li>
<li><strong>Conditions:</strong> weather, visibility, wind, snow cover, water level if it
matters, and any disturbance (vehicles, hunters, dogs, aircraft).</li>
<li><strong>Method:</strong> departure, arrival, standing or feeding-site count; direct count,
block estimate or photo count.</li>
<li><strong>Counts per species:</strong> total; adults, juveniles and unknown age; families
with one and with two juveniles.</li>
<li><strong>Movements:</strong> time, number and direction of flocks entering or leaving the
unit.</li>
<li><strong>Coverage:</strong> whether the whole unit was seen, and if not, which part was
missed. Zero counts written as "0", never left blank.</li>
</ul>
<p>Write in pencil (ink runs in rain and freezes in the cold), and cross out mistakes with
one line so that the original stays readable. Never copy a sheet "neatly" afterwards: the
field sheet is the original record; scan or photograph it the same day.</p>
<h2>From sheet to spreadsheet</h2>
<p>Enter the data within a day or two, while you still remember what the notes mean. One row
per species per count unit per count, with the columns in the same order as on the sheet.
Then check:</p>
<ul>
<li>Adults + juveniles + unknown = total, for every row.</li>
<li>Every count unit of the design appears, with a count or with "not counted".</li>
<li>Coordinates fall inside the unit (plot them on a map).</li>
<li>Large differences from the previous count at the same site have a note explaining
them.</li>
</ul>
<p>Keep the raw data unchanged and make corrections in a new, documented version. A short
"readme" file that records the protocol, the units and any changes of method is as valuable
as the data.</p>
<h2>Sharing the counts</h2>
<p>Single-site counts become useful for conservation when they are added up across the
flyway. Counts of cranes in North-East Asia feed several schemes:</p>
<ul>
<li><strong>National counts</strong> coordinated by the ministries, reserves and research
institutes of each country, such as the winter crane counts at Izumi in Kagoshima, Japan,
where most of the world's Hooded Cranes winter (see the counts published each winter by the
local crane census at Izumi).</li>
<li><strong>The Asian Waterbird Census</strong>, coordinated by Wetlands International, a
mid-January count of waterbirds at wetlands across Asia.</li>
<li><strong>Flyway partnerships</strong> such as the East Asian-Australasian Flyway
Partnership (EAAFP) and its Crane Working Group, and species programmes of the International
Crane Foundation and its partners.</li>
<li>For Black-faced Spoonbills, the <strong>International Black-faced Spoonbill
Census</strong>, coordinated by the Hong Kong Bird Watching Society each January, to which
teams across the species' range contribute.</li>
</ul>
<p>Before you share, agree the terms with your organisation: who owns the data, who is
credited, and which locations are sensitive. Exact coordinates of breeding pairs or of
small, disturbed roosts may need to be shared at a coarser resolution. Send the national
coordinator your counts in the format they ask for, on time, with the zero counts and the
method; a late count is often left out of the national total.</p>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/crane-count-sheet.svg",
                "caption": text(
                    """A crane count field data sheet: header with site, date, time and
                    conditions; one row per species with age classes, family groups and
                    method; a section for flock movements."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        (
            "protocol",
            {
                "title": "After the count",
                "steps": [
                    text(
                        """Before leaving the observation point, check the sheet: every box
                        filled, zeros written, end time recorded."""
                    ),
                    text(
                        """Meet or call the other teams the same day and compare flock
                        movements between units to find possible double counts."""
                    ),
                    text(
                        """Photograph or scan the sheets the same day and store the images
                        with the photo files of the flocks."""
                    ),
                    text(
                        """Enter the data within two days; run the checks (totals, units,
                        coordinates, notes on large changes)."""
                    ),
                    text(
                        """Send the checked counts to the national coordinator in the agreed
                        format, and file the version you sent."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "ethics",
                "title": "Sensitive locations",
                "text": text(
                    """Publishing the exact location of a small roost or a nest can attract
                    photographers, hunters or developers. Share precise coordinates only with
                    the coordinators who need them; publish maps at a coarser scale."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Zero count",
                "definition": text(
                    """A record that a unit was visited and counted and no birds of the
                    species were present. It is different from a missing count."""
                ),
            },
        ),
    ],
}

COURSE = {
    "slug": "crane-survey-techniques",
    "title": "Crane survey techniques",
    "topic": "Surveys and monitoring",
    "level": "introductory",
    "estimated_hours": 4,
    "languages": ["en"],
    "summary": text(
        """Plan and run synchronised crane counts at roosts and feeding sites, count large
        flocks with blocks and photographs, measure breeding success from juvenile ratios and
        family groups, and send clean data to national and flyway-wide censuses."""
    ),
    "outcomes": [
        "Plan a synchronised count with count units, teams and an agreed time window.",
        "Choose between roost departure, roost arrival and feeding-site counts.",
        "Estimate large flocks by block counting and check estimates with photographs.",
        "Avoid double counts by recording the time and direction of flock movements.",
        "Age Hooded and White-naped Cranes in winter and count family groups.",
        "Calculate a juvenile ratio and a mean brood size and report them with sample sizes.",
        "Fill in, check and share a crane count data sheet.",
    ],
    "species": ["Grus monacha", "Antigone vipio", "Platalea minor"],
    "methods": [
        "synchronised count",
        "roost count",
        "block counting",
        "age ratio",
        "data management",
    ],
    "sources": [
        "IUCN Red List of Threatened Species, species accounts for Grus monacha and "
        "Antigone vipio (iucnredlist.org).",
        "Wetlands International, Asian Waterbird Census (wetlands.org).",
        "East Asian-Australasian Flyway Partnership, Crane Working Group (eaaflyway.net).",
        "International Crane Foundation (savingcranes.org).",
        "Hong Kong Bird Watching Society, International Black-faced Spoonbill Census.",
        "NEASPEC, Training Workshop for Young Crane Researchers in North-East Asia, "
        "Khurkh and Khuiten Nature Reserve, Mongolia, 6-8 July 2025.",
    ],
    "modules": [MODULE_PLANNING, MODULE_FLOCKS, MODULE_AGE, MODULE_DATA],
}
