"""Flagship course 6: conservation planning for cranes and wetlands.

Written for early-career field researchers who will be asked to help draft or monitor a
site plan. The exercises use a fictional reserve, the Ekhen Gol Valley Reserve; every
figure about it is invented for practice and says so. Real-world facts name their source
(the course's ``sources`` and the text itself); no statistics are given without one.
"""

from courses.demo_content._util import text
from courses.demo_content.crane_surveys import HOODED_CRANE, WHITE_NAPED_CRANE
from courses.demo_content.drones_remote_sensing import BLACK_FACED_SPOONBILL

# The fictional site of the exercises, described once and repeated where learners need it.
EKHEN_GOL = text(
    """
<p><strong>The Ekhen Gol Valley Reserve is fictional:</strong> a site made up for this
course, with practice figures. It is a river valley in the steppe of north-eastern
Mongolia, about 30 km long. The river meanders through sedge meadows and feeds a chain of
five shallow floodplain lakes; two of the lakes dry out in dry years. In the practice data,
around 12 pairs of White-naped Cranes nest in the wet meadows, and flocks of Hooded Cranes
and White-naped Cranes rest and feed in the valley for two to three weeks in spring and
autumn, roosting on the lakes and feeding on the meadows and on a neighbouring fodder
farm.</p>
<p>Six herder families have their summer camps in the valley, with horses, cattle, sheep and
goats; they cut hay in the meadows from late July. A fodder farm at the valley mouth pumps
water from the river for irrigation. Spring grass fires spread into the valley in some
years. The regional power company plans a 110 kV overhead line across the valley, between
the lakes where the cranes roost and the meadows where they feed, to connect a new solar
plant to the grid.</p>
"""
)

MODULE_THREATS = {
    "slug": "threats-and-pressures",
    "title": "Threats and pressures: energy, farming, water and disturbance",
    "summary": text(
        """What a threat is, how it acts on cranes and wetlands through pressures, and how to
        rank the threats of one site so that a plan spends its effort where it matters."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Why a plan starts with threats</h2>
<p>A site plan is a promise about the future: that in five or ten years the cranes and the
wetland they need will be in better shape than they would have been without it. Nobody has
the money or the people to do everything, so a plan must say <em>what is going wrong</em>,
<em>why</em>, and which of those problems the site team can actually change. The threat
analysis is that part of the plan. If it is weak, the actions that follow are guesses.</p>
<h2>Targets, threats and pressures</h2>
<p>Planning methods used by conservation organisations, such as the Open Standards for the
Practice of Conservation of the Conservation Measures Partnership, use a few terms in a
fixed sense. This course uses them the same way:</p>
<ul>
<li>A <strong>conservation target</strong> is what the plan is for: a species (the breeding
White-naped Cranes of the valley), or a habitat (the wet meadows and their water regime).
Keep to a handful; three to six is usual for a site.</li>
<li>A <strong>direct threat</strong> is a human activity that harms a target: a power line
across a flight path, drainage, spring burning, a dog at a roost.</li>
<li>A <strong>pressure</strong> (or stress) is the damage the threat does to the target:
adult birds killed by collision, fewer nests hatching, a lake drying out earlier in the
summer.</li>
<li>A <strong>contributing factor</strong> is what drives the threat: an energy policy, the
price of hay, a road that makes the valley easy to reach, the lack of a warden.</li>
</ul>
<p>Keeping threat and pressure apart helps later. You act on threats and their drivers
(marking a power line, agreeing a grazing calendar), but you judge success by the pressure
and the target (fewer carcasses, more fledged chicks).</p>
<h2>The main threats to crane and spoonbill sites in North-East Asia</h2>
<p>The regional programme names habitat loss, climate change, energy infrastructure and
agricultural expansion as the threats that most disrupt the migration and breeding of its
flagship birds (NEASPEC programme document, 2025). At a single site these usually take the
forms below; the course on wetland habitat assessment shows how to record them in the
field.</p>
<h3>Energy infrastructure</h3>
<ul>
<li><strong>Overhead power lines.</strong> Cranes are large, heavy birds that turn slowly,
and studies of their vision suggest they often do not see wires ahead of them in flight
(Martin and Shaw 2010). Collisions concentrate where a line crosses the daily flights
between roosts and feeding areas, and in fog and at dusk. The best time to act is
before a line is built: a route that avoids the flight paths, or a buried cable, prevents
collisions that wire markers can only reduce (Bernardino and colleagues, 2019).</li>
<li><strong>Wind farms</strong> add collision risk with turbines and may displace birds
from feeding areas near them.</li>
<li><strong>Solar plants</strong> take land; built on wet meadows, fish ponds or
farmland where birds feed, they remove habitat outright.</li>
<li><strong>Dams and water transfers</strong> for hydropower change the water regime
downstream.</li>
</ul>
<p>The programme is studying these impacts on its flagship migratory birds in North-East
Asia, including scenarios of distance to breeding sites and mortality (NEASPEC study on the
impacts of energy infrastructure, draft 2025). The Convention on Migratory Species and its
Energy Task Force publish guidance on planning energy development so that it avoids the
places and flight paths that migratory birds depend on.</p>
<h3>Agriculture and grazing</h3>
<p>Drainage of wet meadows for crops, autumn ploughing that buries waste grain, pesticides,
heavy grazing and early haymaking in nesting meadows, and spring burning all reduce nest
cover or food. Agriculture also feeds cranes: harvested fields are the main winter food of
many flocks. A plan rarely tries to stop farming; it tries to change when and where.</p>
<h3>Water regulation</h3>
<p>Water taken for irrigation, dams upstream, embankments and drainage ditches change how
deep a wetland is, when it floods and when it dries. These changes build up slowly and are
easy to miss on a single visit, which is why water-level records belong in a plan's
monitoring.</p>
<h3>Disturbance</h3>
<p>People on foot, vehicles, dogs, photographers, boats and drones make birds stop feeding
or leave a roost or nest. At a nest, one long disturbance can cost the clutch.</p>
<h2>Ranking the threats of one site</h2>
<p>Rate each threat for each target on three scales, for example 1 (low) to 4 (very high):
<strong>scope</strong> (how much of the target it affects within ten years),
<strong>severity</strong> (how badly, where it acts) and <strong>irreversibility</strong>
(how hard the damage is to undo). Combine them into one rank and write one line of evidence
next to each rating: a count, a map, a photograph, an interview. Name threats with the
IUCN-CMP classification of direct threats (Salafsky and colleagues, 2008) so that your
analysis can be compared with other sites'.</p>
<p>The ranking is a judgement, not a measurement. Its value is that it is written down, so
that others can question it and you can revise it when the monitoring shows you were
wrong.</p>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/threat-to-indicator-chain.svg",
                "caption": text(
                    """From threat to indicator: a planned power line (threat) would kill cranes
                    by collision (pressure) and so harm the valley's cranes (target); the plan
                    avoids or marks the line (action), and an indicator for the action, the
                    pressure and the target shows whether it worked."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        ("species_card", WHITE_NAPED_CRANE),
        ("species_card", HOODED_CRANE),
        (
            "protocol",
            {
                "title": "A threat ranking workshop for one site",
                "steps": [
                    text(
                        """Agree three to six conservation targets, each with a sentence that
                        says what a healthy state looks like."""
                    ),
                    text(
                        """List every direct threat that acts on each target; name it with the
                        IUCN-CMP classification."""
                    ),
                    text(
                        """Rate scope, severity and irreversibility for each threat and target,
                        with one line of evidence per rating."""
                    ),
                    text(
                        """Combine the ratings into a rank; mark the three to five highest
                        threats as the plan's priorities."""
                    ),
                    text(
                        """For each priority threat, draw its drivers: who does it, why, and
                        what would make them do it differently."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": "Exercise: the Ekhen Gol Valley Reserve (fictional)",
                "text": EKHEN_GOL
                + text(
                    """
<p>List the conservation targets of the reserve and its direct threats, and rank the
threats by scope, severity and irreversibility. Keep your table: the site-plan assignment
in the module on site action plans starts from it.</p>
"""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Conservation target",
                "definition": text(
                    """A species, group of species or habitat that a plan aims to conserve, and
                    against whose state its success is judged."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Direct threat",
                "definition": text(
                    """A human activity that harms a conservation target, such as a power line,
                    drainage or spring burning."""
                ),
            },
        ),
    ],
}

MODULE_STAKEHOLDERS = {
    "slug": "stakeholders-and-herders",
    "title": "Stakeholders, herders and shared decisions",
    "summary": text(
        """Who has a stake in a crane site, how to map them, how to work with herders and
        farmers whose land the birds share, and how to bring a power company to the table."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Plans succeed or fail on people</h2>
<p>Cranes in North-East Asia nest, roost and feed on land that people use: pasture, hay
meadows, rice and grain fields, fish ponds. A plan written by scientists alone tends to ask
other people to do things they have not agreed to, and then it stays on the shelf. A plan
that the land users helped to write has a chance of being carried out, because the actions
fit their year and they know why they matter.</p>
<h2>Who has a stake?</h2>
<p>A <strong>stakeholder</strong> is anyone who affects the site or is affected by what the
plan decides. Around a crane site they typically include:</p>
<ul>
<li>herder families and farmers who use the land and water, and their local
associations;</li>
<li>the reserve administration and rangers, and the local government (in Mongolia the soum
and aimag authorities; elsewhere the township, county or municipality);</li>
<li>national agencies for environment, water, agriculture and energy, which issue permits;</li>
<li>companies: power grid operators, wind and solar developers, irrigation and mining
companies;</li>
<li>researchers, bird-watchers and non-governmental organisations, national and
international;</li>
<li>tourism operators, hunters and anglers, schools.</li>
</ul>
<h2>Mapping stakeholders</h2>
<p>A simple tool is a grid with <strong>influence</strong> on the site (can they change what
happens there?) on one axis and <strong>interest</strong> in it (are they affected, do they
care?) on the other. Those with high influence and high interest are partners in writing the
plan; those with high influence and low interest (often a ministry or a company) need to be
informed early and shown why the site matters to them; those with high interest and little
influence (often herders) need a real voice, because the plan will change their work. Redraw
the grid as the plan goes on: people move between boxes.</p>
<h2>Working with herders and farmers</h2>
<ul>
<li><strong>Go to them.</strong> Visit camps and villages at a time that suits them, not in
the middle of haymaking. Bring someone they know.</li>
<li><strong>Listen first.</strong> Herders know where the cranes nest, when the lakes dry, where
fires start and which roads tourists use. Record their knowledge, and say where it came from
when you use it.</li>
<li><strong>Look for shared interests.</strong> Good water and good grass are good for herds
and for cranes. Fire hurts both. An agreement that delays haymaking in a few nesting meadows
by two weeks may be easy if the families can cut elsewhere first; it is impossible if it costs
them their winter fodder.</li>
<li><strong>Be clear about what you can offer.</strong> Do not promise money, jobs or permits
that you cannot deliver. A broken promise ends cooperation for years.</li>
<li><strong>Agree, record and return.</strong> Write down what was agreed, in the local
language, and come back with the monitoring results, good or bad.</li>
</ul>
<h2>Energy companies and permitting agencies</h2>
<p>A planned power line is a decision that will be made with or without the site team. The
earlier you are at the table, the more you can change: the route of a line is easy to move on
a map and very expensive to move once built. Bring evidence that engineers and permit officers
can use: a map of roosts, feeding areas and flight paths from your counts, the times of day
and seasons of the flights, and references to published studies of collisions and marking.
Ask for an environmental impact assessment that covers the birds' flight paths, and offer to
share your data for it.</p>
"""
            ),
        ),
        (
            "callout",
            {
                "kind": "ethics",
                "title": "Consent and credit",
                "text": text(
                    """Ask before you record, photograph or publish what people tell you, and
                    say how it will be used. Name the families and communities who shared
                    knowledge, if they wish to be named; leave out nest locations and names if
                    they do not."""
                ),
            },
        ),
        (
            "protocol",
            {
                "title": "A first stakeholder meeting at the site",
                "steps": [
                    text(
                        """Before the meeting, list the stakeholders and place each on the
                        influence and interest grid."""
                    ),
                    text(
                        """Invite in person through someone they trust; choose a date outside
                        haymaking, lambing and the main holidays."""
                    ),
                    text(
                        """Open with what the participants know and care about, not with your
                        slides: where the cranes are, what has changed, what worries them."""
                    ),
                    text(
                        """Show the map of threats, and ask which of them the participants see
                        as problems too, and what they could change."""
                    ),
                    text(
                        """Close with what was agreed, who does what next, and when you will
                        come back; send a short written summary in the local language."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": "Exercise: stakeholders of the Ekhen Gol Valley Reserve (fictional)",
                "text": text(
                    """List the stakeholders of the fictional reserve (herder families, the
                    fodder farm, the power company, the reserve, the soum, researchers and
                    others you think of) and place them on the influence and interest grid.
                    For the herder families and the power company, write what each would gain
                    and lose from a plan that protects the cranes."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Stakeholder",
                "definition": text(
                    """A person, group or organisation that affects a site or is affected by
                    decisions about it."""
                ),
            },
        ),
    ],
}

MODULE_SITE_PLAN = {
    "slug": "site-action-plan",
    "title": "A site action plan: objectives, actions, indicators and responsibilities",
    "summary": text(
        """How the parts of a site action plan fit together: a vision, SMART objectives,
        actions that answer the priority threats, indicators, and who does what by when."""
    ),
    "estimated_minutes": 50,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>What a site action plan holds</h2>
<p>A site action plan turns the threat analysis into work. It can be short (ten pages are
often enough) if every part is tied to the others:</p>
<ol>
<li>the <strong>site and its targets</strong>: a map, the boundaries, the conservation
targets and their present state, with sources;</li>
<li>the <strong>threats</strong>, ranked, with their drivers;</li>
<li>a <strong>vision</strong>: one or two sentences on the state the plan works towards;</li>
<li><strong>objectives</strong>: the changes the plan will achieve, each SMART;</li>
<li><strong>actions</strong>: what will be done to reach each objective;</li>
<li><strong>indicators</strong>: how you will know whether each objective is being met;</li>
<li><strong>responsibilities, time and cost</strong>: who leads each action, who helps, when,
with what money;</li>
<li><strong>review</strong>: when the plan will be checked against its monitoring and
revised.</li>
</ol>
<h2>SMART objectives</h2>
<p>An objective states a result, not an activity. "Work with the power company" is an
activity; "no overhead line crosses the flight path between the roost lakes and the feeding
meadows by 2030" is a result. A good objective is:</p>
<ul>
<li><strong>Specific</strong>: one target, one place, one change;</li>
<li><strong>Measurable</strong>: you can say whether it was met, with data you can
collect;</li>
<li><strong>Achievable</strong>: within the reach of the partners who signed the plan;</li>
<li><strong>Relevant</strong>: it answers a priority threat, or improves a target's state;</li>
<li><strong>Time-bound</strong>: it names the year by which it is to be met.</li>
</ul>
<p>Example (for the fictional Ekhen Gol Valley Reserve): "By 2029, haymaking in the four
meadows where White-naped Cranes nested in the previous three years starts after 1 August,
under a written agreement with the herder families who cut them."</p>
<h2>Actions linked to threats</h2>
<p>Every action should answer a threat or one of its drivers, and every priority threat
should have at least one action. Where possible, act in the order of the
<strong>mitigation hierarchy</strong>: first avoid the harm (route the line elsewhere), then
minimise it (mark the wires, time the works outside the breeding season), then restore what
was damaged, and only as a last resort compensate elsewhere. A line of reasoning from action
to result, sometimes drawn as a <em>results chain</em>, makes the assumptions visible: if we
mark the line, cranes see the wires in time, fewer collide, more adults survive.</p>
<h2>Indicators</h2>
<p>An indicator is a quantity you will measure to follow an objective. Choose indicators
that:</p>
<ul>
<li>measure the result the objective names, or a pressure that leads to it (carcasses under
a line, not the number of meetings held);</li>
<li>can be collected with the people, skills and money the site has, every year;</li>
<li>have a <strong>baseline</strong> (the value now) and a <strong>target value</strong> (the
value the objective aims for);</li>
<li>come with a written method, so that the next person collects them the same way.</li>
</ul>
<h2>Responsibilities</h2>
<p>An action without a named lead does not happen. For each action give the lead
organisation (and, inside it, a role rather than a person, since people move), the partners,
the start and end dates, and the estimated cost and where the money comes from. Keep the
table short enough that the reserve director can read it in one sitting.</p>
"""
            ),
        ),
        (
            "rich_text",
            text(
                """
<h3>One row of a plan, worked through (fictional site)</h3>
<ul>
<li><strong>Target:</strong> breeding and staging White-naped and Hooded Cranes.</li>
<li><strong>Threat:</strong> the planned 110 kV line between the roost lakes and the feeding
meadows.</li>
<li><strong>Objective:</strong> by 2028, the line's approved route does not cross the valley
between the roost lakes and the feeding meadows; where it must cross the valley, every span
within 1 km of the lakes is marked with flight diverters when the line is built.</li>
<li><strong>Action:</strong> map flight paths from two seasons of counts; present the map and
a route proposal to the power company and the permitting agency before the environmental
impact assessment closes.</li>
<li><strong>Indicators:</strong> the approved route (crosses or avoids the flight corridor);
the share of spans within 1 km of the lakes that are marked; collision carcasses found per
search on a fixed route.</li>
<li><strong>Responsibility:</strong> lead, the reserve's research officer; partners, the
power company's environment unit and a university team for carcass searches; 2026 to
2028.</li>
</ul>
"""
            ),
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": "The Ekhen Gol Valley Reserve (fictional)",
                "text": EKHEN_GOL,
            },
        ),
        (
            "figure",
            {
                "svg": "courses/img/ekhen-gol-site-sketch.svg",
                "caption": text(
                    """Sketch map of the fictional Ekhen Gol Valley Reserve: roost lakes in the
                    west, sedge meadows in the east, the cranes' daily flights between them,
                    and the planned power line across their path; herder camps, the fodder
                    farm's pump and where spring fires come in."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        (
            "protocol",
            {
                "title": "Drafting a site action plan",
                "steps": [
                    text(
                        """Start from the ranked threats of module 1 and the stakeholder map of
                        module 2."""
                    ),
                    "Write the vision in one or two sentences.",
                    text(
                        """Write one to three SMART objectives for each priority threat or
                        target, with baseline and target values."""
                    ),
                    text(
                        """For each objective, list the actions and check that each answers a
                        threat or a driver; follow the mitigation hierarchy."""
                    ),
                    "Choose one to three indicators per objective and say how each is measured.",
                    text(
                        """Fill in the responsibility table: lead, partners, dates, cost and
                        source of money."""
                    ),
                    "Set a review date and say who will call the review.",
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "SMART objective",
                "definition": text(
                    """An objective that is specific, measurable, achievable, relevant and
                    time-bound."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Mitigation hierarchy",
                "definition": text(
                    """The order in which to deal with harm from a development: avoid it,
                    minimise it, restore what was damaged, and only then compensate."""
                ),
            },
        ),
    ],
}

MODULE_MONITORING = {
    "slug": "monitoring-whether-actions-work",
    "title": "Monitoring that tells whether actions work",
    "summary": text(
        """Monitoring designed to answer a question: baselines, comparison sites, before and
        after, what to measure for targets, pressures and actions, and how the results change
        the plan."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Monitoring with a question</h2>
<p>Much monitoring produces numbers that nobody uses. Monitoring for a plan starts from a
question that the plan needs answered: <em>are fewer cranes dying at the line since it was
marked?</em> <em>Did more pairs fledge chicks in the meadows where haymaking was
delayed?</em> Each indicator in the plan should be tied to such a question, and the
question to a decision: continue, change or stop an action.</p>
<h2>Three kinds of indicator</h2>
<ul>
<li><strong>Target (state) indicators</strong> follow the birds and habitat themselves:
numbers of breeding pairs, juvenile ratios, peak counts in migration, the area of shallow
water in May. They answer "is the site getting better?", but they react slowly and are
affected by much that the plan does not control, such as a bad winter on the wintering
grounds.</li>
<li><strong>Pressure indicators</strong> follow the damage: carcasses under a line, nests
lost to fire or mowing, disturbance events per hour at a roost. They react faster and are
closer to the action.</li>
<li><strong>Action (response) indicators</strong> say whether the plan was carried out: spans
marked, agreements signed, rangers on patrol. They are necessary but never enough: a line
can be fully marked and still kill birds.</li>
</ul>
<p>A plan needs some of each. Reporting only action indicators tells donors what was done,
not whether it helped.</p>
<h2>Telling the effect of an action from everything else</h2>
<p>Numbers change from year to year for many reasons. To see the effect of an action you
need a comparison:</p>
<ul>
<li><strong>Before and after:</strong> measure the indicator for at least two seasons before
the action and continue afterwards. One season before is rarely enough.</li>
<li><strong>Control and impact:</strong> measure the same indicator where the action was
taken (marked spans) and where it was not (unmarked spans of the same line, or a similar
site).</li>
<li><strong>Both together</strong> (before-after-control-impact, BACI) is the strongest
design a site team can usually afford: if collisions fall at marked spans but not at
unmarked ones over the same years, the marking is the likely reason.</li>
</ul>
<p>Keep the method fixed: the same search route under the line, the same interval between
searches, the same observers trained the same way. Carcass searches also need a correction
for carcasses that scavengers remove and that searchers miss; the published guidance on
field studies of wire marking explains how to measure both (Bernardino and colleagues,
2019).</p>
<h2>From results to decisions</h2>
<p>Set a yearly moment when the plan's partners look at the indicators together, with the
herders and other stakeholders who carry out actions. Agree in advance what result would make
you change course: for example, if carcasses at marked spans do not fall within three
seasons, test another marker type or push for rerouting. This loop of planning, acting,
monitoring and adjusting is called <strong>adaptive management</strong>; without the last
step, monitoring is only record-keeping.</p>
<p>Share the results in a form others can use: with the national census, with the flyway's
working groups, and with the people who helped. The courses on crane surveys and on data
analysis show how to collect and analyse the counts that many of these indicators rest
on.</p>
"""
            ),
        ),
        (
            "protocol",
            {
                "title": "Writing one indicator sheet",
                "steps": [
                    "Name the objective and the question the indicator answers.",
                    text(
                        """Define the indicator exactly: what is counted or measured, in which
                        unit, where and when."""
                    ),
                    "Give the baseline value with its years and source, and the target value.",
                    text(
                        """Describe the design: before and after, control sites or spans, how
                        many seasons."""
                    ),
                    text(
                        """Say who collects the data, with what equipment and training, and
                        where the data are kept."""
                    ),
                    text(
                        """Say what result would lead the partners to change the action, and
                        when the result is reviewed."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "safety",
                "title": "Carcass searches under power lines",
                "text": text(
                    """Never touch a fallen or low-hanging wire, and stay out of substations
                    and the fenced areas around pylons. Search in pairs, in daylight, and tell
                    the power company's control room when and where you will be."""
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": "Exercise: monitoring at the Ekhen Gol Valley Reserve (fictional)",
                "text": text(
                    """For the objective on the power line and the one on haymaking in the
                    nesting meadows, choose one target, one pressure and one action indicator
                    each. Say what the baseline would be, what comparison you would use, and
                    what result would make you change the action."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Baseline",
                "definition": text(
                    """The value of an indicator before an action starts, measured the same way
                    as later values, against which change is judged."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "BACI design",
                "definition": text(
                    """Before-after-control-impact: measuring an indicator before and after an
                    action, both where it was taken and where it was not."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Adaptive management",
                "definition": text(
                    """Planning, acting, monitoring and then changing the actions according to
                    what the monitoring shows, as a repeated cycle."""
                ),
            },
        ),
    ],
}

MODULE_ISSAP = {
    "slug": "international-single-species-action-plans",
    "title": "International single species action plans: the Black-faced Spoonbill",
    "summary": text(
        """How an international single species action plan is built by the countries of a
        flyway, how it is used, and how a site plan fits into it, with the Black-faced
        Spoonbill plan as the example."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Why species need international plans</h2>
<p>A migratory bird can be well protected where it breeds and still decline because its
stopover sites are drained or its wintering coasts built over. No single country can secure
it. An <strong>international single species action plan</strong> (ISSAP) is an agreed
programme of work among the countries along a species' flyway (its <em>range
states</em>) and the organisations working for it: what the species needs, what threatens
it, and which actions each country and partner will take over about ten years.</p>
<p>International plans for migratory waterbirds are commonly prepared under the Convention on
Migratory Species (CMS) and its African-Eurasian Waterbird Agreement (AEWA), which publishes a
standard format for them; in the East Asian-Australasian Flyway, the East Asian-Australasian
Flyway Partnership (EAAFP) and its species working groups bring the range states and
partners together.</p>
<h2>How a plan is built</h2>
<p>Plans written to the CMS and AEWA formats usually follow the same path, and each step uses
the skills of this course at a larger scale:</p>
<ol>
<li><strong>Biological assessment:</strong> distribution, population size and trend,
breeding, migration and wintering sites, from censuses and studies in every range state.</li>
<li><strong>Threat analysis:</strong> the threats at each stage of the life cycle, often drawn
as a <em>problem tree</em> from root causes to the decline of the population, and ranked by
importance.</li>
<li><strong>Policy and legislation:</strong> the species' legal status and the protected sites
in each country.</li>
<li><strong>Framework for action:</strong> a goal, objectives (called purpose and results in
some formats) and actions, each with a priority, a time scale and the organisations
responsible: the same chain from threats to actions to indicators as a site plan.</li>
<li><strong>Review by experts and range states</strong>, in workshops and in writing, and
adoption by the countries or by the convention.</li>
</ol>
<h2>The Black-faced Spoonbill plan</h2>
<p>The Black-faced Spoonbill breeds mainly on small islands off the west coast of the Korean
Peninsula and in north-eastern China, and winters on coasts and estuaries from Japan and the
Republic of Korea south to Taiwan, southern China and Viet Nam. It is listed as Endangered on
the IUCN Red List. Its numbers are followed by an international census held every winter and
coordinated by the Hong Kong Bird Watching Society; take population figures from the latest
census report, not from memory.</p>
<p>The species has had an international action plan for many years, and the EAAFP
Black-faced Spoonbill Working Group follows its implementation. A third edition, for 2026-2036,
was proposed by WWF Hong Kong and the working group and is being prepared under the
coordination of NEASPEC. According to the programme document (August 2025), the revision is to
assess the current population and habitat, evaluate the conservation measures taken so far,
identify emerging threats and knowledge gaps, and set out a comprehensive list of actions for
the region; a technical review meeting on 8-9 September 2025 was to review the draft chapter by
chapter, with the plan to be finalised by November 2025 and submitted to CMS in the first half
of 2026 (NEASPEC programme document, 2025, paragraphs 4, 11 and 12). Check the working group's
pages for where the plan stands now.</p>
<h2>How a site team uses an international plan</h2>
<ul>
<li><strong>Find your site's place in it.</strong> International plans list important sites
and assign actions to range states. If your site is a breeding island, a stopover or a
wintering estuary, the plan tells you which actions the flyway expects there.</li>
<li><strong>Borrow its structure and words.</strong> Use the same threat names and objectives
in your site plan, so that your results can be added up with other sites' when the plan is
reviewed.</li>
<li><strong>Report back.</strong> Census counts, breeding results and monitoring of actions
at your site are the evidence the working group uses in its reviews and in the next edition.
Send them through the national coordinator or the working group.</li>
<li><strong>Use it in negotiations.</strong> A plan adopted by the range states gives weight
to a site team's request to a ministry or a developer: the action is not only the team's
wish but a commitment of the country.</li>
</ul>
"""
            ),
        ),
        ("species_card", BLACK_FACED_SPOONBILL),
        (
            "callout",
            {
                "kind": "tip",
                "title": "Read the sources",
                "text": text(
                    """Read the current Black-faced Spoonbill action plan and the census
                    report on the EAAFP working group's and the Hong Kong Bird Watching
                    Society's public pages before quoting figures. Plans are revised; cite the
                    edition and year you used."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Range state",
                "definition": text(
                    """A country in which a migratory species occurs at any time of its life
                    cycle: breeding, on migration or in winter."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Problem tree",
                "definition": text(
                    """A diagram that links the root causes of a species' decline, through the
                    direct threats, to the decline itself; used to choose actions."""
                ),
            },
        ),
    ],
}

COURSE = {
    "slug": "conservation-planning",
    "title": "Conservation planning for cranes and wetlands",
    "topic": "Species conservation",
    "level": "intermediate",
    "estimated_hours": 4,
    "languages": ["en"],
    "summary": text(
        """Analyse the threats to a crane or wetland site, from power lines and wind farms to
        drainage and disturbance; work with herders and other stakeholders; draft a site action
        plan with SMART objectives, actions, indicators and responsibilities; design monitoring
        that shows whether the actions work; and see how an international single species
        action plan is built and used."""
    ),
    "outcomes": [
        "Tell threats, pressures and their drivers apart, and rank the threats of a site.",
        "Map the stakeholders of a site and plan a first meeting with herders and farmers.",
        "Write SMART objectives and actions that answer the priority threats.",
        "Choose measurable indicators with baselines, and name who is responsible for what.",
        "Design monitoring with before-after and control comparisons.",
        "Explain how an international single species action plan is built and how a site plan "
        "contributes to it.",
    ],
    "species": ["Grus monacha", "Antigone vipio", "Platalea minor"],
    "methods": ["conservation planning", "threat assessment", "stakeholder engagement"],
    "sources": [
        "Conservation Measures Partnership, Open Standards for the Practice of Conservation "
        "(version 4.0, 2020), conservationstandards.org.",
        "Salafsky, N. et al. (2008) A standard lexicon for biodiversity conservation: unified "
        "classifications of threats and actions. Conservation Biology.",
        "Martin, G.R. and Shaw, J.M. (2010) Bird collisions with power lines: failing to see "
        "the way ahead? Biological Conservation.",
        "Bernardino, J. et al. (2019) Re-assessing the effectiveness of wire-marking to "
        "mitigate bird collisions with power lines: a meta-analysis and guidelines for field "
        "studies. Journal of Environmental Management.",
        "Convention on Migratory Species (CMS), Energy Task Force and guidance on renewable "
        "energy and migratory species, cms.int.",
        "AEWA, format and guidelines for international single species action plans, unep-aewa.org.",
        "East Asian-Australasian Flyway Partnership (EAAFP), Black-faced Spoonbill Working "
        "Group, and the International Single Species Action Plan for the Black-faced "
        "Spoonbill, eaaflyway.net.",
        "Hong Kong Bird Watching Society, International Black-faced Spoonbill Census reports, "
        "hkbws.org.hk.",
        "NEASPEC (2025) Note by the Secretariat to the 28th Senior Officials Meeting: "
        "programme planning and implementation, biodiversity and nature conservation "
        "(paragraphs 2, 4, 10-12), and the draft report of the study on the impacts of energy "
        "infrastructure on flagship migratory birds in North-East Asia.",
    ],
    "modules": [
        MODULE_THREATS,
        MODULE_STAKEHOLDERS,
        MODULE_SITE_PLAN,
        MODULE_MONITORING,
        MODULE_ISSAP,
    ],
}
