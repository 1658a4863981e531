"""Flagship course 4: wetland habitat assessment for cranes and spoonbills."""

from courses.demo_content._util import text

MODULE_WATER = {
    "slug": "water-depth-and-hydrology",
    "title": "Water depth and hydrology",
    "summary": text(
        """Why water depth decides where waterbirds can roost and feed, and how to measure
        depth, water level and the seasonal water regime of a site."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Depth decides who can use a wetland</h2>
<p>For a wading bird, the same wetland is a different habitat at different water levels. A
crane roosts standing in shallow water, where a fox or a dog cannot approach without
splashing; if the water rises above its legs, or the roost dries out, the site no longer
works. A Black-faced Spoonbill feeds by sweeping its bill from side to side through shallow
water; the area it can feed in is the area that is shallow enough at the hour it feeds,
which on the coast is set by the tide and at fish ponds by when the ponds are drained. Every
waterbird species has a range of depths it can use, broadly limited by the length of its
legs and bill, so <strong>the distribution of depths</strong>, not the total area of
water, tells you how much habitat there is.</p>
<h2>Hydrology: the water regime</h2>
<p>A wetland's water comes from rain, snowmelt, rivers, groundwater or the sea, and leaves by
evaporation, outflow, seepage or pumping. The pattern over a year, the <em>water regime</em>,
is what the birds have adapted to:</p>
<ul>
<li>In the steppe lakes of Dauria, shared by Mongolia, China and Russia, water levels follow
wet and dry phases lasting years; lakes can dry out completely and refill, and the birds
move between lakes as they do.</li>
<li>On the large floodplain lakes of the Yangtze in China, wintering cranes depend on the fall
of the water in autumn, which exposes mudflats, meadows and plant tubers.</li>
<li>On tidal coasts and at managed fish ponds, depth changes within hours.</li>
</ul>
<p>Changes to the regime, such as a dam upstream, water taken for irrigation, drainage
ditches or a dyke cutting off the tide, are often the largest long-term threat to a site,
and also the hardest to see on a single visit. This is why a habitat assessment measures
water over time, not once.</p>
<h2>Measuring depth and level</h2>
<ul>
<li><strong>Staff gauge:</strong> a graduated post fixed in the water, read at every visit.
Record its position, and level it to a fixed benchmark on land, so that readings stay
comparable if the post is replaced.</li>
<li><strong>Water-level logger:</strong> a pressure sensor that records the level every hour
for months; it shows tides, floods and pumping that visits miss. Use a second logger in
the air to correct for air pressure.</li>
<li><strong>Depth transects:</strong> a line from the shore across the wetland, marked at
fixed intervals, with depth measured at each mark by a graduated rod. Repeat the same
transects at the same water-gauge reading or on fixed dates.</li>
<li><strong>Remote sensing:</strong> the extent of open water from satellite images (see the
course on drones and remote sensing), calibrated with gauge readings taken on the same
days.</li>
</ul>
<h3>Worked example (practice figures)</h3>
<p>On a transect of 200 m with a mark every 10 m you record 21 depths. Eight marks are dry,
six are between 1 and 20 cm, four between 21 and 40 cm and three deeper than 40 cm. About 6
in 21 marks, or 29 % of the transect, lies in the shallowest class. The depths of the
practice transect are shown in the drawing below. If the gauge falls 15 cm over the next
month, the marks at 24, 29 and 33 cm become shallow (9, 14 and 18 cm), while the four
shallowest marks (5 to 15 cm) dry out: the transect lets you predict how the usable area
shifts with the level.</p>
<p>Record water quality at the same points where it matters to the question: salinity on
coasts and in steppe lakes, turbidity with a Secchi disk, and temperature.</p>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/wetland-depth-transect.svg",
                "caption": text(
                    """A depth transect from dry meadow to open water: depth is measured at
                    marks every 10 m and referred to a staff gauge, so that the shallow zone
                    can be compared between visits."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        (
            "protocol",
            {
                "title": "Depth transect",
                "steps": [
                    text(
                        """Fix the start of the transect on land with a post and GPS
                        coordinates; note the bearing of the line."""
                    ),
                    "Read the staff gauge and write the reading and time.",
                    text(
                        """Walk the line with a tape or GPS; at every mark, measure depth to the
                        bottom with a graduated rod (soft mud: note how far the rod sinks)."""
                    ),
                    "Note the substrate and vegetation at each mark.",
                    text(
                        """Read the gauge again at the end; if the level changed (tide), note
                        it and correct the depths."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "safety",
                "title": "Mud, ice and tides",
                "text": text(
                    """Never walk a transect alone. Soft mud can trap a leg; thin ice in spring
                    and autumn hides deep channels; tides on the Yellow Sea coast rise across
                    flat mudflats faster than a person walks. Carry a pole, check the tide
                    table, and turn back at the first doubt."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Water regime",
                "definition": text(
                    """The pattern of water depth, extent and duration at a wetland over the
                    year and between years."""
                ),
            },
        ),
    ],
}

MODULE_VEGETATION = {
    "slug": "vegetation-and-food-resources",
    "title": "Vegetation and food resources",
    "summary": text(
        """How to describe wetland vegetation with quadrats and how to estimate the food
        available to cranes and spoonbills: grain, tubers and aquatic prey."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Vegetation as structure and food</h2>
<p>Vegetation matters to waterbirds in two ways. It is <strong>structure</strong>: cranes
nest in tall sedge and reed where the nest is hidden but the sitting bird can still see
danger, and they roost and feed in open, short vegetation with a clear view. And it is
<strong>food</strong>: roots, rhizomes, tubers and seeds for cranes, and the habitat of the
fish, shrimps and insects that spoonbills take.</p>
<h2>Describing vegetation with quadrats</h2>
<p>A quadrat is a square frame, often 1 m x 1 m, placed at fixed points along your depth
transects or at random points within each habitat type. In each quadrat, record:</p>
<ul>
<li>the plant species or groups present (sedges, reeds, grasses, floating and submerged
plants);</li>
<li>the <strong>cover</strong> of each, as a percentage of the quadrat seen from above, and
the cover of open water and bare mud;</li>
<li>the <strong>height</strong> of the vegetation, measured at several points;</li>
<li>signs of use: crane footprints, droppings, dug holes, feathers, grazing by livestock.</li>
</ul>
<p>Use the same frame, the same points and the same time of year every year; a
photograph of each quadrat from above, with its label in the picture, is a cheap and
excellent record.</p>
<h2>Food for cranes</h2>
<p>Hooded and White-naped Cranes eat a wide range of plant and animal food, and what they eat
changes with season and site. On many wintering grounds in Japan, Korea and China they feed
in harvested rice fields on waste grain; on natural wetlands they dig for tubers and
rhizomes; in the breeding season, adults and chicks also take insects, worms and small
vertebrates. Two food measures are common in assessments:</p>
<ul>
<li><strong>Waste-grain density</strong> in harvested fields: collect all grains from small
quadrats (for example 0.25 m x 0.25 m) at random points in a field, dry and weigh or count
them, and express as grams or grains per square metre. Repeat through the winter: grain is
eaten, ploughed in or rots, and its decline shows when a site stops supporting the birds.
</li>
<li><strong>Tuber and rhizome density</strong> in natural wetlands: soil cores of a fixed
diameter and depth, washed through a sieve.</li>
</ul>
<h2>Food for spoonbills</h2>
<p>Black-faced Spoonbills feed mostly on small fish and crustaceans in shallow water on
tidal flats, estuaries and fish ponds. Prey can be sampled with a throw trap (a bottomless
box thrown over the water, from which all animals are netted out) or with standard sweeps of
a hand net at fixed points; record the number, size and kind of prey and the water depth at
each sample. Where birds feed at drained fish ponds, the timing of draining determines when
the food becomes available; ask the pond operators about their schedule.</p>
<h2>Common mistakes</h2>
<ul>
<li>Sampling only where the birds are. You then learn what food is like where birds feed,
but not whether the rest of the site could support them. Sample used and unused areas.</li>
<li>Estimating cover by eye without calibration. Two observers should estimate the same
quadrats at the start of the season and compare.</li>
<li>Collecting plants or animals without permission in a protected area. Sampling is often
covered by a separate permit from the reserve.</li>
</ul>
"""
            ),
        ),
        (
            "protocol",
            {
                "title": "Waste-grain sampling in a harvested rice field",
                "steps": [
                    "Ask the farmer's permission and note the harvest date.",
                    text(
                        """Choose sample points at random (for example from random
                        coordinates within the field), at least 10 per field."""
                    ),
                    text(
                        """At each point, place a 0.25 m x 0.25 m frame and collect every grain
                        on the surface into a labelled bag."""
                    ),
                    "Dry, count and weigh the grains at base.",
                    text(
                        """Express the result as grains and grams per square metre; repeat every
                        two to four weeks through the winter."""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "Quadrat",
                "definition": text(
                    """A frame of known size placed on the ground or water surface to sample
                    vegetation or food in a standard area."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Throw trap",
                "definition": text(
                    """A bottomless box thrown over shallow water to enclose a known area, from
                    which all fish and crustaceans are removed and counted."""
                ),
            },
        ),
    ],
}

MODULE_THREATS = {
    "slug": "disturbance-threats-and-pressures",
    "title": "Disturbance, threats, energy infrastructure and agriculture",
    "summary": text(
        """How to record disturbance and threats at a site in a way that can be compared over
        time, with a focus on power lines, wind and solar energy, and agricultural change."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Disturbance</h2>
<p>Disturbance is anything that makes birds stop what they are doing: walk away, fly up or
leave the site. It costs energy and feeding time, and at roosts and nests it can be fatal for
eggs and chicks. Common sources around crane and spoonbill sites are people on foot,
vehicles, dogs, hunting, fishing boats, photographers, herders and livestock, aircraft and
drones.</p>
<p>Record disturbance in a way that can be repeated: during a fixed observation period (for
example one hour), note each event's time, source, distance to the birds, the number of birds
that reacted, and how (alert, walk, fly, leave the site). The number of events per hour and
the share of birds flushed can then be compared between sites, seasons and years.</p>
<h2>Energy infrastructure</h2>
<p>Energy development across North-East Asia is growing fast, and its impacts on flagship
migratory birds are the subject of a NEASPEC technical study (2025). The main pathways are:</p>
<ul>
<li><strong>Power lines: collision.</strong> Large birds with limited manoeuvrability are
especially prone to flying into wires, and studies of bird vision suggest that cranes and
bustards often do not see wires ahead of them in flight (Martin and Shaw 2010,
<em>Biological Conservation</em>). Collisions are most likely where lines cross flight paths
between roosts and feeding areas, and in fog or at dusk. Marking lines with bird diverters
reduces, but does not remove, collisions (see, for example, the meta-analysis by Bernardino
and colleagues, 2019).</li>
<li><strong>Power lines: electrocution,</strong> mainly of perching birds on poorly designed
medium-voltage poles; more of a risk for raptors than for cranes.</li>
<li><strong>Wind farms:</strong> collision with turbines, and displacement of birds from
feeding areas near them.</li>
<li><strong>Solar farms:</strong> direct loss of habitat when they are built on wetlands,
fish ponds, salt pans or farmland used by feeding birds.</li>
<li><strong>Hydropower and water transfer:</strong> changes to the water regime downstream.</li>
</ul>
<p>For an assessment, map all lines and turbines within a few kilometres of the site, mark
the birds' main flight paths from your counts (the flock directions on your data sheets),
and search for carcasses under lines on a fixed route and schedule. Report where flight paths
and lines cross: that is where marking or rerouting matters most.</p>
<h2>Agriculture</h2>
<p>Agriculture is both a resource and a pressure. Harvested rice and grain fields feed
wintering cranes; but the same landscape can lose its value through:</p>
<ul>
<li>drainage and conversion of wet meadows and marshes to cropland;</li>
<li>water taken for irrigation, lowering lakes and rivers;</li>
<li>autumn ploughing, which buries waste grain;</li>
<li>pesticides and poisoned baits;</li>
<li>heavy grazing and haymaking in breeding valleys, which remove nest cover and bring
herders, dogs and livestock close to nests;</li>
<li>spring burning of grassland and reed beds, which destroys nests and cover.</li>
</ul>
<h2>Scoring threats</h2>
<p>To compare threats, score each on three scales, for example 1 (low) to 3 (high):
<strong>scope</strong> (how much of the site or population it affects),
<strong>severity</strong> (how strongly, where it occurs) and <strong>timing</strong>
(happening now, likely soon, or only possible in future). Use the IUCN Threats
Classification Scheme for the names of threats so that your assessment can be combined with
others. Write one line of evidence for each score: a count of events, a map, a photograph.</p>
"""
            ),
        ),
        (
            "protocol",
            {
                "title": "Recording disturbance during a one-hour watch",
                "steps": [
                    text(
                        """Choose a point with a view of the flock or roost; note the start
                        time, number of birds and weather."""
                    ),
                    text(
                        """For every disturbance event, note the time, the source, its distance
                        from the birds and how many birds reacted."""
                    ),
                    text(
                        """Classify the strongest reaction: alert, walk or swim away, fly and
                        land again, or leave the site."""
                    ),
                    text(
                        """At the end of the hour, count the birds again and note the end
                        time."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": "Use your count data",
                "text": text(
                    """The flock movement records on crane count sheets (time, number,
                    direction) are the best evidence of where flight paths cross power lines.
                    Keep them, and map them."""
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "ethics",
                "title": "Talk to the people who use the land",
                "text": text(
                    """Herders, farmers and fish-pond operators know the site better than any
                    visitor, and their livelihoods depend on it. Record their observations,
                    explain your work, and present threats as shared problems, not
                    accusations."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Bird flight diverter",
                "definition": text(
                    """A marker (spiral, flapper or disc) fitted to power-line wires to make them
                    more visible to flying birds."""
                ),
            },
        ),
    ],
}

MODULE_RAMSAR = {
    "slug": "ramsar-criteria-for-waterbird-sites",
    "title": "Ramsar criteria for sites important to waterbirds",
    "summary": text(
        """The Ramsar Convention's criteria for Wetlands of International Importance, the two
        waterbird criteria in detail, how to test a site against the 1 % threshold, and what
        data a nomination needs."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>The Ramsar Convention</h2>
<p>The Convention on Wetlands, signed in Ramsar, Iran, in 1971, is the intergovernmental
treaty for the conservation and wise use of wetlands. China, Japan, Mongolia, the Republic of
Korea and Russia are all Contracting Parties. Each Party designates <strong>Wetlands of
International Importance</strong> (Ramsar Sites) that meet at least one of nine criteria
adopted by the Convention.</p>
<h2>The nine criteria</h2>
<ul>
<li><strong>Criterion 1:</strong> a representative, rare or unique example of a natural or
near-natural wetland type in its biogeographic region.</li>
<li><strong>Criterion 2:</strong> supports vulnerable, endangered or critically endangered
species or threatened ecological communities.</li>
<li><strong>Criterion 3:</strong> supports populations of plant or animal species important
for maintaining the biological diversity of a biogeographic region.</li>
<li><strong>Criterion 4:</strong> supports species at a critical stage of their life cycle
(for example breeding, moulting or migration stopover), or provides refuge in adverse
conditions.</li>
<li><strong>Criterion 5:</strong> regularly supports 20,000 or more waterbirds.</li>
<li><strong>Criterion 6:</strong> regularly supports 1 % of the individuals in a population of
one species or subspecies of waterbird.</li>
<li><strong>Criteria 7 and 8:</strong> fish (significant fish diversity; important food,
spawning or nursery areas for fish).</li>
<li><strong>Criterion 9:</strong> regularly supports 1 % of the individuals in a population of
a wetland-dependent non-avian animal species.</li>
</ul>
<p>For our flagship species, Criterion 2 applies wherever a site regularly supports Hooded or
White-naped Cranes (Vulnerable) or Black-faced Spoonbills (Endangered on the IUCN Red List),
and Criteria 5 and 6 depend on counts.</p>
<h2>Criterion 6 and the 1 % threshold</h2>
<p>The 1 % threshold of a population is taken from the population estimates published by
Wetlands International (Waterbird Population Estimates), which the Convention uses as its
reference. Note that "population" here means a biogeographic population, such as the
population of a species that uses one flyway, not the whole species.</p>
<p>"<strong>Regularly</strong>" has a Ramsar definition: the required number of birds has
occurred in two thirds of the seasons for which adequate data are available, with at least
three seasons; or the mean of the maxima of the seasons in which the site is internationally
important, over at least five years, reaches the required level.</p>
<h3>Worked example (practice figures)</h3>
<p>Suppose the reference estimate for a population is 8,000 birds: the 1 % threshold is 80.
Your site's peak counts over six winters were 95, 60, 110, 84, 72 and 130. The threshold was
reached in four of six seasons, which is two thirds: the site regularly supports 1 % of the
population and qualifies under Criterion 6. Had only three of the six counts been above 80,
it would not have qualified on that test. Always take the threshold from the current
estimates, and cite the edition.</p>
<h2>What a nomination needs</h2>
<p>A Ramsar Information Sheet describes the site's boundaries, its wetland types, the
criteria it meets with the evidence for each, its hydrology, land use and threats, and its
management. The data you collect in this course are exactly that evidence: synchronised
counts over several years, with methods and dates; water regime and vegetation; and a
documented threat assessment. Even where designation is not planned, structuring your site
report around the criteria makes it directly useful to national Ramsar focal points and to
the East Asian-Australasian Flyway Partnership's network of flyway sites, which uses related
criteria.</p>
<h2>Common mistakes</h2>
<ul>
<li>Using the global species total instead of the biogeographic population for the 1 %
threshold. Take the population that uses your flyway from the reference estimates.</li>
<li>Using a single exceptional count. One record flock does not make a site "regularly"
important; several seasons of comparable counts do.</li>
<li>Adding birds of different species towards Criterion 6. The 1 % test is made for one
population at a time; summing species belongs to Criterion 5.</li>
<li>Counts without method and dates. A reviewer cannot judge whether peak counts are
comparable between years if the method is not reported.</li>
</ul>
"""
            ),
        ),
        (
            "glossary",
            {
                "term": "Biogeographic population",
                "definition": text(
                    """The birds of one species or subspecies that share a range and migration
                    system, such as one flyway; the unit for which 1 % thresholds are set."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Ramsar Information Sheet",
                "definition": text(
                    """The standard description of a Ramsar Site that a Contracting Party
                    submits when it designates the site, and updates regularly."""
                ),
            },
        ),
    ],
}

COURSE = {
    "slug": "wetland-habitat-assessment",
    "title": "Wetland habitat assessment",
    "topic": "Habitat assessment",
    "level": "intermediate",
    "estimated_hours": 4,
    "languages": ["en"],
    "summary": text(
        """Measure water depth and the water regime, describe vegetation and food resources,
        record disturbance and threats, including energy infrastructure and agriculture, and
        test a site against the Ramsar criteria for waterbirds."""
    ),
    "outcomes": [
        "Measure water depth along transects and level with staff gauges and loggers.",
        "Describe vegetation with quadrats and estimate food for cranes and spoonbills.",
        "Record disturbance events in a repeatable way.",
        "Map energy infrastructure against bird flight paths.",
        "Score threats by scope, severity and timing with supporting evidence.",
        "Test a site against Ramsar Criteria 2, 5 and 6 using count data.",
    ],
    "species": ["Grus monacha", "Antigone vipio", "Platalea minor"],
    "methods": ["habitat assessment", "hydrology", "vegetation survey", "threat assessment"],
    "sources": [
        "Ramsar Convention Secretariat, Strategic Framework and guidelines for the future "
        "development of the List of Wetlands of International Importance (criteria and the "
        "definition of 'regularly'), ramsar.org.",
        "Wetlands International, Waterbird Population Estimates (wpe.wetlands.org).",
        "IUCN Threats Classification Scheme and IUCN Red List species accounts.",
        "Martin, G.R. and Shaw, J.M. (2010) Bird collisions with power lines: failing to see "
        "the way ahead? Biological Conservation.",
        "Bernardino, J. et al. (2019) Re-assessing the effectiveness of wire-marking to "
        "mitigate bird collisions with power lines: a meta-analysis and guidelines for field "
        "studies. Journal of Environmental Management.",
        "NEASPEC (2025) Draft report of the study on the impacts of energy infrastructure on "
        "flagship migratory birds in North-East Asia.",
    ],
    "modules": [MODULE_WATER, MODULE_VEGETATION, MODULE_THREATS, MODULE_RAMSAR],
}
