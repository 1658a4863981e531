"""Flagship course 5: crane data analysis, worked on the shipped practice data set.

The exercises use the downloads made by ``courses.practice_data`` (a generated PRACTICE series,
never real counts); a ``document`` block whose value names ``practice_data`` ("csv" or "xlsx")
is linked to the Wagtail document the demo loader files for it.
"""

from courses.demo_content._util import text
from courses.demo_content.crane_surveys import HOODED_CRANE, WHITE_NAPED_CRANE

PRACTICE_NOTE = (
    "callout",
    {
        "kind": "tip",
        "title": "Practice data, not real counts",
        "text": text(
            """The data set of this course was made up by a program with a fixed seed for
            training. Its twelve sites, its teams and every number are invented; they behave
            like a real count series, but must never be quoted as counts of real cranes."""
        ),
    },
)

DOWNLOADS = [
    (
        "document",
        {
            "practice_data": "xlsx",
            "title": "Practice data: crane counts, workbook (XLSX)",
            "description": text(
                """Three sheets: about (what each column means), raw (as typed from the field
                sheets, errors included) and clean (after checking)."""
            ),
        },
    ),
    (
        "document",
        {
            "practice_data": "csv",
            "title": "Practice data: crane counts, clean table (CSV)",
            "description": text(
                """The clean sheet as plain text, for R, Python or QGIS. The first two lines
                start with # and are a note; tell your program to skip them."""
            ),
        },
    ),
]

MODULE_CLEANING = {
    "slug": "field-sheets-to-clean-tables",
    "title": "From field sheets to clean tables",
    "summary": text(
        """How a count travels from a paper sheet into a table you can analyse: one row per
        record, keys of site and date, counts kept apart from estimates, and the typical errors
        to find before any total is added up."""
    ),
    "estimated_minutes": 50,
    "blocks": [
        PRACTICE_NOTE,
        (
            "rich_text",
            text(
                """
<h2>One row per record</h2>
<p>A field sheet is written for the person in the field: one page per site, species in
the order they were seen, remarks in the margin. A table for analysis is written for the
computer: <strong>one row per record</strong>, where a record is one species counted at one
site on one visit, and <strong>one column per kind of value</strong> (date, site, species,
adults, juveniles and so on). Never put two values in one cell ("120 + c. 40"), never use
colour as data, and never leave a merged cell: a program cannot read them.</p>
<h2>Keys: which site, which day</h2>
<p>Every row must say exactly where and when. Use a <strong>site code</strong> from a fixed
list (S01, S02 ...) rather than a name typed anew each time, because "Reed Lake N", "Reed L.
North" and "reed lake north" are three sites to a computer. Write dates in one format, year
first (2024-09-28), which sorts correctly and cannot be read the wrong way round: 05.09 is
the 5th of September in most of Europe and Asia but the 9th of May in the United States.
Site, date and species together form the <em>key</em> of a record: two rows with the same key
are either a double entry or a sign that the same site was counted twice that day.</p>
<h2>Counts and estimates</h2>
<p>A flock of 60 cranes can be counted bird by bird; a flock of 800 is usually estimated in
blocks of 10 or 50 (see the course on crane survey techniques). Both are valid, but they
are not equally precise, and a later reader must know which is which. Keep the number in the
count column as a plain number, and say in a separate column whether it is a
<em>count</em> or an <em>estimate</em>. "c. 450" typed into a number column turns the whole
column into text.</p>
<h2>Zero is not the same as empty</h2>
<p>A site visited where no crane was seen has a count of <strong>0</strong>. A site that was
not visited has <strong>no count</strong>: leave the cells empty and say why in a note. Mixing
the two is one of the most harmful errors in monitoring data, because a missed visit typed
as 0 looks like a crash in numbers, and a zero left empty hides a real absence.</p>
<h2>Typical errors to look for</h2>
<ul>
<li>Dates in several formats, or a year mistyped (2071 for 2017).</li>
<li>Species written as codes by one team and in full by another.</li>
<li>Site codes in lower case or with a space at the end, which look right but do not
match.</li>
<li>Totals that do not equal the sum of their parts (adults + juveniles + unaged).</li>
<li>Adults and juveniles typed into each other's columns (juveniles far more numerous than
adults is a warning sign).</li>
<li>The same row entered twice.</li>
<li>Text in number columns ("c. 450", "~300", "many").</li>
<li>Missed visits entered as 0.</li>
</ul>
<p>Correct errors in a copy, never in the original: keep the raw table as it was typed, and
write down each change (row, column, old value, new value, reason). Then anyone can check
your cleaning, and you can undo a correction that turns out to be wrong.</p>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/field-sheet-to-table.svg",
                "caption": text(
                    """A field sheet and the rows it becomes: site codes, dates year first,
                    estimates marked as such, and a missed visit left empty with a note."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        *DOWNLOADS,
        (
            "protocol",
            {
                "title": "Exercise: clean the raw sheet",
                "steps": [
                    text(
                        """Download the workbook and open the sheet raw. Read the about sheet
                        first: it lists every column and the kinds of error in the raw
                        sheet."""
                    ),
                    text(
                        """Copy the raw sheet to a new sheet called my_clean; never edit the
                        raw sheet itself."""
                    ),
                    text(
                        """Sort by site code, then date, then species. Look for rows with
                        the same key next to each other (a row typed twice) and for codes
                        that sort apart from the others (lower case, spaces)."""
                    ),
                    text(
                        """Bring all dates to YYYY-MM-DD and all species to their full English
                        names; check that the year of each date equals the season."""
                    ),
                    text(
                        """Add a column adults + juveniles + unaged and compare it with total;
                        look at every row where they differ and decide which value is wrong
                        (remove "c." from estimates first)."""
                    ),
                    text(
                        """Find the rows with a note "not counted" and make sure their counts
                        are empty, not 0."""
                    ),
                    text(
                        """Write a change log, then compare your table with the clean sheet.
                        Each difference is either an error you missed or a decision you can
                        explain."""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "Key",
                "definition": text(
                    """The columns that together identify one record, for a crane count the
                    site code, the date and the species. No two rows may share a key."""
                ),
            },
        ),
    ],
}

MODULE_TOTALS = {
    "slug": "totals-and-double-counts",
    "title": "Totals of a synchronised count and double counts",
    "summary": text(
        """How to add up a synchronised count over sites, remove birds that were counted twice
        as they moved between a roost and a feeding site, and report the total honestly."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        PRACTICE_NOTE,
        (
            "rich_text",
            text(
                """
<h2>The total of a count day</h2>
<p>A synchronised count (see the course on crane survey techniques) counts every site of an
area within one time window, so that each bird is in one place when it is counted. The total
of the day is then the sum over the sites, but only after three checks:</p>
<ol>
<li><strong>Coverage.</strong> Which sites were counted, and which were not? A total of 11
sites cannot be compared with a total of 12. Report the number of sites with the total.</li>
<li><strong>Double counts.</strong> Cranes leave the roost at dawn and fly to feeding sites.
If the feeding site is counted after the roost, birds arriving from the roost have already
been counted. Observers who note the time, size and direction of flocks can tell how many
of their birds came from a counted roost: in the practice data this is the column
<code>already_counted</code>.</li>
<li><strong>Estimates.</strong> A total made partly of estimates is itself an estimate. Say
so, and say roughly how much of it was estimated.</li>
</ol>
<h2>Removing double counts</h2>
<p>For each species and count day:</p>
<p><strong>total without double counts = sum of total over the sites &minus; sum of
already_counted over the sites</strong></p>
<p>An example with made-up figures: a roost count of 300 Hooded Cranes at 06:40, and a
feeding-site count of 180 at 08:30, where the team saw 70 birds arrive from the direction of
the roost after 07:00. The total is 300 + 180 &minus; 70 = 410, not 480. Without the flock
notes you could not know that 70 birds were counted twice; this is why the data sheet has a
column for flock movements.</p>
<p>Double counts cannot always be resolved. If birds arrive from an unknown direction,
keep them, and write in the report that the total may include birds counted twice. Never
delete birds because a total "looks too high".</p>
<h2>In a spreadsheet or in code</h2>
<p>In a spreadsheet, a pivot table with season and species as rows and the sums of total
and already_counted as values gives both sums at once; add a column for their difference. In
Python with pandas, <code>df.groupby(["season", "species"])[["total",
"already_counted"]].sum()</code> does the same. Empty counts (missed visits) are left out of
sums by both; check the number of sites counted each season before you compare seasons.</p>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/synchronised-count-units.svg",
                "caption": text(
                    """Count units of a synchronised count: flock movements noted with time
                    and size let you find the birds that were counted at two sites."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        ("species_card", HOODED_CRANE),
        ("species_card", WHITE_NAPED_CRANE),
        *DOWNLOADS,
        (
            "protocol",
            {
                "title": "Exercise: the total of a count day",
                "steps": [
                    "Open the clean sheet (or the CSV) of the practice data.",
                    text(
                        """Filter the rows of one season and one species, for example Hooded
                        Crane in 2021."""
                    ),
                    text(
                        """Count how many sites were counted and how many were missed (empty
                        counts with a note)."""
                    ),
                    text(
                        """Add up total and already_counted over those rows and subtract; write
                        the result with the number of sites counted."""
                    ),
                    text(
                        """Repeat for every season: in which seasons was coverage incomplete,
                        and which species is affected?"""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "Double count",
                "definition": text(
                    """A bird counted at two sites in one synchronised count, usually because
                    it moved from a roost to a feeding site between the two counts."""
                ),
            },
        ),
    ],
}

MODULE_BREEDING = {
    "slug": "juvenile-ratios-and-family-groups",
    "title": "Juvenile ratios and family groups as breeding indices",
    "summary": text(
        """Two simple measures of how well a population bred: the share of juveniles among
        aged birds, and the number of juveniles per family, and what each depends on."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        PRACTICE_NOTE,
        (
            "rich_text",
            text(
                """
<h2>Why count juveniles in autumn</h2>
<p>Nests of Hooded and White-naped Cranes are scattered over wide wetlands and hard to find,
so breeding success is rarely measured at the nest. In autumn and winter, first-year birds
can be told from adults by the colour of head and neck (see the species cards and the
course on crane survey techniques), and they stay with their parents in family groups. Two
indices follow from that.</p>
<h2>The juvenile ratio</h2>
<p><strong>juvenile ratio (%) = 100 &times; juveniles / (adults + juveniles)</strong></p>
<p>Only <em>aged</em> birds belong in the ratio: birds that were too far or in too poor a
light to age (the column <code>unaged</code>) must be left out of the denominator, not counted
as adults. An example with made-up figures: 400 birds, of which 320 adults, 40 juveniles and
40 unaged, give 100 &times; 40 / 360 = 11.1 %, not 40 / 400 = 10 %.</p>
<p>Report the ratio with the number of birds aged. A ratio of 20 % from 30 aged birds says
little; from 3000 it is a solid figure. Ratios from different sites can be combined by
adding juveniles and adults first, then dividing; the mean of site ratios gives a small
flock the same weight as a large one.</p>
<h2>Family groups and brood size</h2>
<p>A crane family in autumn is two adults with one or two young (more is rare). Observers
record, for a sample of the families they can see well, how many young each has. The
<strong>mean brood size</strong> is the number of young per family with young:</p>
<p><strong>mean brood size = (families with 1 &times; 1 + families with 2 &times; 2) /
(families with 1 + families with 2)</strong></p>
<p>The two indices answer different questions. The juvenile ratio mixes how many pairs bred
successfully with how many young each raised; the brood size tells only the second. A
year in which few pairs bred but each raised two young has a low ratio and a high brood
size.</p>
<h2>What can bias them</h2>
<ul>
<li>Juveniles are not spread evenly: families often feed apart from flocks of non-breeders,
so a ratio from one site may not stand for the population.</li>
<li>Ageing gets harder through the winter as juveniles moult; compare ratios from the same
time of year.</li>
<li>Families with two young are easier to notice than a family with one; recorded families
are a sample, not all families.</li>
<li>Different teams age differently: check that every team ages birds the same way before
the count.</li>
</ul>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/crane-age-cues.svg",
                "caption": text(
                    """Ageing cues of Hooded and White-naped Cranes in autumn: first-year birds
                    have a buff or brownish head and neck."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        *DOWNLOADS,
        (
            "protocol",
            {
                "title": "Exercise: breeding indices from the practice data",
                "steps": [
                    text(
                        """For White-naped Cranes at site S05 in 2023, compute the juvenile ratio
                        from adults and juveniles; note how many birds were aged."""
                    ),
                    text(
                        """For Hooded Cranes over all sites in 2019, add adults and juveniles
                        over the sites first, then compute one ratio."""
                    ),
                    text(
                        """For Hooded Cranes in 2024, add families_1_juv and families_2_juv over
                        all sites and compute the mean brood size."""
                    ),
                    text(
                        """Compute the ratio for each season and species and draw both series
                        in one chart. Are there good and bad years common to both species?
                        Remember that this is practice data."""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "Juvenile ratio",
                "definition": text(
                    """The percentage of juveniles among the birds that were aged; an index of
                    breeding success in the preceding summer."""
                ),
            },
        ),
    ],
}

MODULE_TRENDS = {
    "slug": "trends-over-seasons",
    "title": "Trends over seasons",
    "summary": text(
        """How to turn a series of season totals into an index and a log-linear trend, why
        only sites counted every season belong in it, and what a trend cannot tell you."""
    ),
    "estimated_minutes": 50,
    "blocks": [
        PRACTICE_NOTE,
        (
            "rich_text",
            text(
                """
<h2>Compare like with like</h2>
<p>A trend compares seasons, so each season's figure must be made the same way. If a site
was missed in one season, that season's total is lower for a reason that has nothing to do
with the birds. The simplest remedy is to compute the trend on the <strong>core
sites</strong>: the sites where the species was counted in every season. Programs built for
monitoring data, such as TRIM and its successor rtrim from Statistics Netherlands, instead
estimate the missing counts from the other sites and years; they are worth learning when
your data have many gaps.</p>
<h2>The index</h2>
<p>An <strong>index</strong> expresses each season's total relative to a base season set at
100: <strong>index = 100 &times; total of the season / total of the base season</strong>.
An index of 80 means 20 % fewer birds than in the base season. An index is easy to read and
to combine with other indices, but it leans heavily on the base season: if that season was
unusually high or low, the whole series looks different.</p>
<h2>The log-linear trend</h2>
<p>Populations tend to change by a proportion rather than by a fixed number of birds each
year. A constant proportional change is a straight line when the counts are put on a log
scale. The <strong>log-linear trend</strong> fits the straight line</p>
<p><strong>ln(total) = a + b &times; season</strong></p>
<p>by least squares. The slope b is the change in the logarithm per season, and the change
per season in percent is <strong>100 &times; (e<sup>b</sup> &minus; 1)</strong>. A slope of
0.03 means about 3 % more birds a season; &minus;0.05 about 4.9 % fewer.</p>
<p>In a spreadsheet: put the seasons in one column and the totals in another, compute
LN(total) in a third, and =SLOPE(ln column, season column) gives b; =EXP(b)-1 gives the
rate. LOGEST(totals, seasons) returns e<sup>b</sup> directly. In Python,
<code>numpy.polyfit(seasons, numpy.log(totals), 1)[0]</code> gives b.</p>
<h2>What a trend cannot tell you</h2>
<ul>
<li><strong>Why.</strong> A decline at your sites may be birds moving to sites you do not
count, not birds dying. Counts of the whole flyway, shared through national and
international censuses, are needed to tell the two apart.</li>
<li><strong>Whether it is real.</strong> Ten points scatter; a trend of a few percent a
season can arise by chance. Statistical software gives a standard error or a confidence
interval for b; report it, and with few seasons be cautious.</li>
<li><strong>Whether it goes on.</strong> A straight line through the past is not a forecast.
</li>
<li><strong>Whether detection changed.</strong> New observers, a better telescope or a
change of count method (roost instead of feeding site) can change counts without any change
in the birds. Record such changes in the notes.</li>
</ul>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/practice-loglinear-trend.svg",
                "caption": text(
                    """Practice data: season totals of Hooded Cranes at the core sites on a log
                    scale, with the fitted log-linear trend."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        *DOWNLOADS,
        (
            "protocol",
            {
                "title": "Exercise: index and trend",
                "steps": [
                    text(
                        """For each species, find the core sites: those with a count (not an
                        empty cell) in all ten seasons."""
                    ),
                    text(
                        """For each season, add total minus already_counted over the core
                        sites."""
                    ),
                    text(
                        """Compute the index with 2016 = 100 for White-naped Cranes. What is
                        the index in 2025?"""
                    ),
                    text(
                        """Fit the log-linear trend for Hooded Cranes and express it as a change
                        in percent per season; compare your line with the drawing above."""
                    ),
                    text(
                        """Repeat the trend with all sites instead of the core sites. How much
                        do the missed visits change the result, and why?"""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "Log-linear trend",
                "definition": text(
                    """A straight line fitted to the logarithms of counts against time; its
                    slope b gives a constant change of 100 &times; (exp(b) &minus; 1) percent
                    per time step."""
                ),
            },
        ),
    ],
}

MODULE_MAPS = {
    "slug": "simple-maps-of-counts",
    "title": "Simple maps of counts",
    "summary": text(
        """Show where the cranes were: proportional symbols for counts, one scale for every
        season, missed visits shown as missed, and the care needed with sensitive sites."""
    ),
    "estimated_minutes": 35,
    "blocks": [
        PRACTICE_NOTE,
        (
            "rich_text",
            text(
                """
<h2>Proportional symbols</h2>
<p>The simplest map of counts draws a circle at each site whose <strong>area</strong>, not
its radius, is proportional to the count: radius = constant &times; &radic;count. If you
scale the radius instead, a site with twice the birds looks four times as big. Use the same
constant on every map you want to compare (two seasons, two species), and draw a legend
with two or three example circles (for example 50, 200 and 500 birds).</p>
<h2>Show what was not counted</h2>
<p>A site without a circle reads as "no cranes". Mark sites that were counted with zero
birds with a small cross or an empty ring, and sites that were not visited with a different
sign and a note in the legend. A map that hides missed visits tells the same lie as a table
that types them as 0.</p>
<h2>Tools</h2>
<ul>
<li><strong>QGIS</strong> (free): add the CSV as a delimited text layer with longitude as X
and latitude as Y (set the number of header lines to skip to 2 for the practice file), filter
by season and species, and use a graduated size symbol on total.</li>
<li><strong>A spreadsheet</strong>: a bubble chart with longitude, latitude and total is a
rough map without a background; good enough to see the pattern.</li>
<li><strong>Python or R</strong>: a scatter plot with marker size from the square root of
the count.</li>
</ul>
<h2>Sensitive sites</h2>
<p>Exact coordinates of roosts and nests can help people who disturb or hunt birds. Before
you publish a map, ask the reserve and the national coordinator what precision is allowed:
often a 10 km grid square or the name of the wider wetland is enough for the reader. The
coordinates in the practice data are invented.</p>
"""
            ),
        ),
        *DOWNLOADS,
        (
            "protocol",
            {
                "title": "Exercise: two maps, one scale",
                "steps": [
                    text(
                        """Load the clean CSV into QGIS or a spreadsheet and keep the Hooded
                        Crane rows of 2016 and of 2025."""
                    ),
                    text(
                        """Draw both seasons with circles whose area is proportional to total,
                        with the same scale and the same legend."""
                    ),
                    text(
                        """Mark the sites with a missed visit in a season with their own sign.
                        Which sites gained birds, which lost?"""
                    ),
                    text(
                        """Write two sentences for a reader who has only the maps: what
                        changed, and what the maps cannot show (remember double counts)."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "ethics",
                "title": "Publish locations with care",
                "text": text(
                    """Coarsen the coordinates of roosts and breeding sites before you share
                    a map, unless the site's managers agree otherwise."""
                ),
            },
        ),
    ],
}

COURSE = {
    "slug": "crane-data-analysis",
    "title": "Crane data analysis",
    "topic": "Surveys and monitoring",
    "level": "intermediate",
    "estimated_hours": 4,
    "languages": ["en"],
    "summary": text(
        """From field sheets to figures: clean crane count data, add up a synchronised count
        without double counts, compute juvenile ratios and brood sizes, fit a trend over
        seasons and map counts, all worked on a practice data set you download."""
    ),
    "outcomes": [
        "Turn field sheets into a table with one row per record and clear keys.",
        "Find and correct typical data-entry errors, keeping the raw data and a change log.",
        "Keep counts apart from estimates, and missed visits apart from zero counts.",
        "Add up a synchronised count and remove birds counted twice.",
        "Compute a juvenile ratio and a mean brood size and report them with sample sizes.",
        "Compute an index and a log-linear trend on sites counted every season.",
        "Say what a trend cannot tell, and map counts with proportional symbols.",
    ],
    "species": ["Grus monacha", "Antigone vipio"],
    "methods": ["data management", "synchronised count", "age ratio", "trend analysis"],
    "sources": [
        "Pannekoek, J. and van Strien, A. TRIM 3 Manual (Trends and Indices for Monitoring "
        "data). Statistics Netherlands, 2005; and the R package rtrim (CRAN).",
        "Wetlands International, Asian Waterbird Census (wetlands.org).",
        "East Asian-Australasian Flyway Partnership, Crane Working Group (eaaflyway.net).",
        "International Crane Foundation (savingcranes.org).",
        "NEASPEC, Training Workshop for Young Crane Researchers in North-East Asia, "
        "Khurkh and Khuiten Nature Reserve, Mongolia, 6-8 July 2025 (data analysis was one "
        "of its six topics; SOM-28 note by the secretariat, para. 14).",
        "Practice data set: generated by the Flyway Academy for this course (seed 20250706); "
        "not real counts.",
    ],
    "modules": [MODULE_CLEANING, MODULE_TOTALS, MODULE_BREEDING, MODULE_TRENDS, MODULE_MAPS],
}
