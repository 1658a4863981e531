"""Flagship course 2: colour banding (colour ringing) of cranes and other waterbirds.

The notation taught here (left leg first, "." at the joint, "/" between legs) is the one
the colour-band question type of the assessments app uses.
"""

from courses.demo_content._util import text

COLOUR_CODES = [
    ("R", "red"),
    ("W", "white"),
    ("Y", "yellow"),
    ("G", "green"),
    ("B", "blue"),
    ("N", "black"),
    ("O", "orange"),
    ("L", "lime"),
    ("P", "pink"),
    ("M", "metal ring"),
]

MODULE_PERMITS = {
    "slug": "permits-and-banding-schemes",
    "title": "Permits, national banding schemes and training",
    "summary": text(
        """Why marking a wild bird is licensed, which bodies run banding in North-East Asia,
        what a permit covers, and how a new bander is trained."""
    ),
    "estimated_minutes": 35,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Why banding is licensed</h2>
<p>Catching and marking a wild bird affects its welfare and, for a threatened species such as
the White-naped or Hooded Crane, can affect the population. Every country in the region
therefore licenses banding. The licence protects the birds (only trained people catch and
handle them), protects the data (every ring number is issued once and recorded centrally) and
protects you (you are legally allowed to do something that is otherwise an offence under
wildlife law).</p>
<p>A band is only useful if someone can later find out where it came from. Metal rings carry
a unique number and a return address of the national scheme, so a finder anywhere in the
world can report it. Colour combinations must also be unique within the flyway, which is why
projects register their combinations with the scheme and with each other before banding.</p>
<h2>National schemes in the region</h2>
<p>Each country has one central scheme that issues metal rings, keeps the banding and
recovery records and answers reports from finders. Examples:</p>
<ul>
<li><strong>China:</strong> the National Bird Banding Center of China (全国鸟类环志中心).</li>
<li><strong>Japan:</strong> the bird banding programme of the Ministry of the Environment,
run by the Yamashina Institute for Ornithology.</li>
<li><strong>Russia:</strong> the Bird Ringing Centre of Russia (Центр кольцевания птиц
России), Moscow.</li>
<li><strong>Republic of Korea and Mongolia:</strong> banding is authorised by the national
environment authorities and carried out through national research institutes; in Mongolia,
crane banding has been carried out with partners such as the Wildlife Science and
Conservation Center. Ask your supervisor which body issues rings for your project.</li>
</ul>
<p>Names and addresses change: check the current scheme before you order rings or answer a
report. If you band birds in a country other than your own, the host country's scheme and
permits apply, and its metal rings are used.</p>
<h2>What a permit covers</h2>
<p>A banding permit is usually specific. Read yours and carry a copy. It normally states:</p>
<ul>
<li>the <strong>person</strong> (and their trained assistants) allowed to catch and handle
birds;</li>
<li>the <strong>species</strong> and sometimes the number of birds;</li>
<li>the <strong>methods</strong> of capture, and any extra marking (colour bands, neck collars,
GPS transmitters, blood or feather samples);</li>
<li>the <strong>sites and dates</strong>, especially inside protected areas, where the reserve
administration usually needs its own permission;</li>
<li>the <strong>reporting duty</strong>: by when and in what format the banding data go back
to the scheme.</li>
</ul>
<p>Work in a border zone, a nature reserve or on private land needs its own permission on top
of the banding permit. Transporting samples (blood, feathers) across a border may need CITES
or veterinary permits; both Hooded and White-naped Cranes are listed in CITES Appendix I,
which covers trade in specimens and parts, including samples.</p>
<h2>How banders are trained</h2>
<p>Nobody should handle a crane on their first day. Training normally moves in steps: first
recording data for an experienced bander, then handling and ringing common, robust species
under supervision, then the target species with a trainer beside you, and finally working
alone when the scheme grants you your own permit. Keep a log of the birds you have handled
and the techniques you have practised: schemes ask for it.</p>
<h2>Planning a colour-banding project</h2>
<p>Colour bands only add value if the birds will be seen again and the sightings reported.
Before you start, answer these questions in a written project plan:</p>
<ul>
<li>What question will resightings answer (survival, site fidelity, migration routes, age
of first breeding)?</li>
<li>Where will the birds be seen, and who will look for them?</li>
<li>Which colours and positions will you use, and are the combinations unique in the
flyway? Register them with the scheme and, for example, on cr-birding.org, the public
register of colour-marking projects.</li>
<li>Who will answer resighting reports, and for how many years?</li>
</ul>
"""
            ),
        ),
        (
            "callout",
            {
                "kind": "permits",
                "title": "No permit, no banding",
                "text": text(
                    """Never catch or mark a bird, even "just to help", without a valid permit
                    that names you, the species, the method and the site. Unlicensed bands
                    cannot be traced and may duplicate another project's combination."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Banding scheme",
                "definition": text(
                    """The national body that issues numbered metal rings, keeps the central
                    records of banding and recoveries, and answers reports from finders."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Recovery",
                "definition": text(
                    """A report of a banded bird found dead or caught again, with its ring
                    read in the hand. A resighting is a report of a live bird whose bands are
                    read in the field without catching it."""
                ),
            },
        ),
    ],
}

MODULE_WELFARE = {
    "slug": "welfare-and-handling",
    "title": "Bird welfare: capture, handling and fitting rings",
    "summary": text(
        """How to keep a crane safe from capture to release: planning the catch, holding the
        bird, limiting stress, fitting rings correctly and knowing when to stop."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>The welfare of the bird comes first</h2>
<p>Every decision in a banding session is measured against one rule: the bird must leave in
the same condition as it arrived. If a capture cannot be done safely today, because of heat,
cold rain, too few trained people or a bird that is distressed, stop and try another day.</p>
<h2>Catching crane chicks</h2>
<p>In many crane projects, including White-naped Crane work in the Khurkh and Khuiten
valley of Mongolia, birds are banded as chicks a few weeks before they can fly, when they can
be caught by hand. The parents defend the chick and then usually watch from a distance, so
the team must work quickly and leave as soon as the chick is released.</p>
<ul>
<li><strong>Limit the chase.</strong> Long-legged birds are prone to <em>capture
myopathy</em>, a muscle breakdown caused by exertion and stress that can kill a bird days
after release. If a chick is not caught after a short pursuit, give up.</li>
<li><strong>Avoid the heat of the day.</strong> Work in the cool early morning or evening.
Chicks hide by lying flat in vegetation; stepping on one is a real risk, so walk carefully
near the last place it was seen.</li>
<li><strong>Keep it short.</strong> Set a maximum handling time in your protocol, prepare
everything before the catch, and release the chick where it was caught, close to its
parents.</li>
</ul>
<p>Capturing adult cranes uses specialist methods and needs experienced teams and specific
permits; it is outside the scope of this introductory course.</p>
<h2>Holding the bird</h2>
<p>Hold a crane with its body against yours, wings folded and held gently against its body,
and its legs in their natural folded position, never stretched or pulled. Crane legs are
long and break easily if the bird kicks while they are held in the wrong place. A soft hood
or a cloth over the eyes calms most birds. One person holds the bird for the whole session;
the bander fits the rings and a third person records.</p>
<p>Watch the bird's condition all the time: rapid open-bill breathing (panting) means it is
too hot; shivering or wet plumage means it is too cold. A bird that goes limp or whose eyes
close and stay closed must be released at once in shade and quiet.</p>
<h2>Fitting rings and bands</h2>
<ul>
<li>Use the ring size the scheme specifies for the species and age; never "make do" with a
different size.</li>
<li>A metal ring is closed with ring pliers so that its ends meet exactly, with no gap and
no overlap. A gap can catch on vegetation; an overlap can cut the leg.</li>
<li>The ring must turn freely and slide up and down the leg, but must not pass over the
joint or the foot.</li>
<li>Colour bands are fitted the same way and sealed as the maker and scheme instruct, so
that they cannot open.</li>
<li>Check each leg once more before release: correct colours in the correct positions, all
bands closed, nothing pinching the skin.</li>
</ul>
<p>Transmitters, neck collars and sampling add their own risks and require their own training
and permission; follow your scheme's rules on the maximum mass of any device.</p>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/ring-fitting.svg",
                "caption": text(
                    """Closing a metal ring: the ends meet exactly and the ring turns freely.
                    A gap, an overlap or a ring that is too small can injure the bird."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        (
            "callout",
            {
                "kind": "safety",
                "title": "Protect your eyes",
                "text": text(
                    """A crane defends itself by striking with its bill, and aims at the face.
                    Wear safety glasses whenever you handle a crane, keep the bird's head away
                    from faces, and let only the holder control the head."""
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "ethics",
                "title": "When to stop",
                "text": text(
                    """Stop the session if a chick cannot be caught after a short pursuit, if the
                    parents stay away from the chick for long, if the weather turns hot or wet,
                    or if a bird shows signs of distress. No data point is worth a dead
                    chick."""
                ),
            },
        ),
        (
            "protocol",
            {
                "title": "Banding a crane chick, step by step",
                "steps": [
                    text(
                        """Before leaving base: permits, rings and colour bands laid out in the
                        planned combination, pliers, hood, soft bag, scale, callipers, data
                        sheet, safety glasses, first-aid kit."""
                    ),
                    text(
                        """Approach the family on foot; one or two people follow the chick while
                        the others stay back. Give up after a short pursuit."""
                    ),
                    text(
                        """Hold the chick with wings folded and legs in their natural position;
                        cover the eyes with the hood."""
                    ),
                    text(
                        """Fit the metal ring, then the colour bands in the planned positions;
                        the recorder reads back each leg, top to bottom, and writes it in the
                        agreed notation."""
                    ),
                    text(
                        """Take the agreed measurements only; note the handling time and the
                        bird's condition."""
                    ),
                    text(
                        """Release the chick where it was caught, walk away quickly, and watch
                        from a distance until the parents return."""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "Capture myopathy",
                "definition": text(
                    """Damage to the muscles caused by the exertion and stress of capture. It
                    can kill a bird hours or days after release and is a known risk for cranes
                    and other long-legged birds."""
                ),
            },
        ),
    ],
}

MODULE_COMBINATIONS = {
    "slug": "rings-and-combinations",
    "title": "Metal rings, colour bands, and how a combination is written and read",
    "summary": text(
        """The kinds of marks used on cranes, the positions on the leg, the notation that
        turns a combination into text, and how to read bands in the field without mistakes."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Kinds of marks</h2>
<ul>
<li><strong>Metal ring:</strong> aluminium or stainless steel, with the scheme's address and
a unique number. It is the permanent identity of the bird, but can only be read in the hand
or on a very sharp photograph.</li>
<li><strong>Colour bands:</strong> plain rings of coloured plastic. A bird is identified by
the <em>combination</em>: which colours, on which leg, above or below the joint, and in what
order.</li>
<li><strong>Engraved (field-readable) bands:</strong> a larger plastic band with a code of
letters and digits, readable with a telescope. One engraved band can replace several plain
colour bands.</li>
</ul>
<h2>Positions on the leg</h2>
<p>A crane's leg has a bare upper part (the <em>tibiotarsus</em>, often called the tibia)
and a lower part (the <em>tarsometatarsus</em>, or tarsus) that ends at the toes. The joint
between them, which looks like a backwards knee, is in fact the ankle. Bands can go
<strong>above the joint</strong> (on the tibia) or <strong>below the joint</strong> (on the
tarsus). On each leg there may be more than one band in a position, stacked one above the
other, so the order from top to bottom is part of the combination.</p>
<h2>Writing a combination</h2>
<p>This course, and the quizzes, use the following notation. Your project may use another:
whichever you use, write it down in the project's data description.</p>
<ol>
<li>Write the bird's <strong>left leg first</strong>, then its <strong>right leg</strong>,
separated by a slash: <em>left / right</em>.</li>
<li>On each leg, write the bands <strong>from top to bottom</strong>, one letter per band.</li>
<li>Put a full stop where the <strong>joint</strong> is: bands before the stop are above the
joint, bands after it are below. A position without bands is written as a hyphen.</li>
<li>Use the colour letters R red, W white, Y yellow, G green, B blue, N black, O orange,
L lime, P pink, and M for the metal ring.</li>
</ol>
<h3>Worked example</h3>
<p>A White-naped Crane has, on its left leg, a red band above the joint and, below it, the
metal ring over a white band. Its right leg has nothing above the joint and a yellow band
above a green band below. Written: <strong>R.MW / -.YG</strong>. Read it back: left leg,
above red; below metal then white. Right leg, above nothing; below yellow then green.</p>
<h2>Reading bands in the field</h2>
<p>The classic error is swapping the legs. When a crane faces you, <strong>its left leg is on
your right</strong>. When it walks away from you, its left leg is on your left. Before you
read a single colour, decide which way the bird is facing and say it aloud: "facing me,
left leg is on my right".</p>
<ul>
<li>Read one leg at a time, top to bottom, and write it down before starting the other
leg.</li>
<li>Wait for the bird to walk: in wet grass or water, the lowest bands are often hidden, and
a band seen on one step may disappear on the next.</li>
<li>Photograph or video the legs whenever possible; a digiscoped photo settles most doubts.
</li>
<li>Record uncertainty honestly with a question mark for each band you are not sure of:
<em>R.M? / -.YG</em>. A partial reading with honest question marks can often still be
matched; a confident but wrong reading creates a false record.</li>
</ul>
<h2>Colours that are confused</h2>
<p>Plastic fades in sunlight and gets dirty. Pairs that are often confused in the field are
red and orange, orange and pink, yellow and lime, lime and green, blue and black in poor
light, and white and a worn metal ring. Good projects avoid using both colours of a
confusable pair in the same position, and report sightings of faded bands so that they can be
replaced when the bird is caught again.</p>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/colour-band-combination.svg",
                "caption": text(
                    """A crane seen from the front: its left leg is on your right. Bands are
                    read leg by leg, top to bottom, above and below the joint. This bird is
                    written R.MW / -.YG."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": "Say the direction first",
                "text": text(
                    """Before reading a combination, say which way the bird faces and which
                    leg is its left. Most reading errors in colour-banding projects come from
                    swapped legs, not from wrong colours."""
                ),
            },
        ),
        (
            "protocol",
            {
                "title": "Reading and recording a colour-banded crane",
                "steps": [
                    text(
                        """Note the time and your position; keep watching the bird without
                        approaching it."""
                    ),
                    text(
                        """Decide which way it faces and which leg is its left; write "L" and
                        "R" on your notebook page."""
                    ),
                    text(
                        """Read the left leg top to bottom, marking the joint; write it down.
                        Then do the same for the right leg."""
                    ),
                    text(
                        """Photograph or film the legs; mark each band you are unsure of with a
                        question mark."""
                    ),
                    text(
                        """Read the whole combination again when the bird has turned round, and
                        compare the two readings."""
                    ),
                    text(
                        """Note the birds with it (partner, juveniles), behaviour, flock size
                        and habitat."""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "Combination",
                "definition": text(
                    """The set of bands on a bird, described by leg, position (above or below
                    the joint), order from top to bottom, and colour. Each combination is
                    given to one bird only."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Tibiotarsus and tarsometatarsus",
                "definition": text(
                    """The upper and lower parts of a bird's visible leg, above and below the
                    intertarsal joint (the ankle, which looks like a backwards knee)."""
                ),
            },
        ),
    ],
}

MODULE_RESIGHTINGS = {
    "slug": "resightings-and-data",
    "title": "Resighting reports and data management",
    "summary": text(
        """What a good resighting report contains, how a project checks and answers reports,
        and how banding and resighting data are kept so that they are still usable in twenty
        years."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>What a resighting report contains</h2>
<p>A resighting is worth only as much as the details that come with it. Whether you send it
by e-mail, on a form or through an app, include:</p>
<ul>
<li>the <strong>combination as read</strong>, in the project's notation, with a question mark
for every uncertain band, and a photo if you have one;</li>
<li><strong>species</strong> and, if possible, age (adult or juvenile);</li>
<li><strong>date and time</strong>, and the <strong>place</strong>: site name and coordinates
in decimal degrees;</li>
<li>your <strong>name and contact</strong>, so that the project can ask questions and send
you the bird's history;</li>
<li><strong>context</strong>: flock size, partner or juveniles with it, behaviour (feeding,
roosting, on a nest), habitat, and any sign that a band is faded, broken or missing.</li>
</ul>
<p>Send the report to the project that banded the bird. If you do not know which project
that is, send it to your national scheme or look the colours up on cr-birding.org. Metal-ring
numbers read from photographs go to the scheme named on the ring.</p>
<h2>Answering reports</h2>
<p>Observers keep sending reports when projects answer them. A good reply thanks the
observer, confirms (or questions) the identity of the bird and gives its history: where and
when it was banded and where it has been seen before. Answer within weeks, not years, and
keep a copy of every report and reply.</p>
<h2>Checking a report</h2>
<p>Before a resighting enters the database, check:</p>
<ol>
<li>Does the combination exist in the project, for that species?</li>
<li>Was the bird banded <em>before</em> the date of the sighting?</li>
<li>Is the place plausible for the date (migration timing, distance from the last
sighting)?</li>
<li>If the reading is partial or unusual, does a swapped-leg reading match another bird?</li>
</ol>
<p>Do not delete doubtful records. Keep them with a <strong>status</strong> such as
"confirmed", "probable" or "not matched", and the reason, so that analyses can include or
exclude them on clear rules.</p>
<h2>Keeping the data</h2>
<p>Banding projects outlive their founders: cranes can live for decades, so the records must
be readable by people who never met you. Keep three linked tables:</p>
<ul>
<li><strong>Birds:</strong> one row per bird, with the metal-ring number as the key, species,
banding date and place, age, sex if known, and measurements.</li>
<li><strong>Marks:</strong> one row per combination the bird has carried, with the dates it
was valid. When a faded band is replaced, the bird keeps its ring number and gets a new row
here.</li>
<li><strong>Sightings:</strong> one row per resighting or recovery, linked to the bird, with
observer, date, place, the combination as read, the status and the photos.</li>
</ul>
<p>Use ISO dates (YYYY-MM-DD), decimal-degree coordinates and fixed lists for colours and
statuses; write the notation and the column meanings in a data description file. Back up the
database in two places, send banding data to the national scheme by the deadline in your
permit, and agree in writing how resighting data are shared with partners along the
flyway.</p>
<h2>Worked example: a partial reading (practice data)</h2>
<p>An observer reports a White-naped Crane at a wintering site as <em>R.M? / -.YG</em>: the
band below the metal ring on the left leg was hidden in the water. Your database holds two
birds that fit: R.MW / -.YG and R.MO / -.YG. The first was last seen with its family on the
same wintering grounds in the previous winter; the second has not been seen for six years.
You record the sighting as "probable" for the first bird, write the reason, and ask the
observer whether they have a photograph. Next, you check the swapped-leg reading
<em>-.YG / R.M?</em>: no bird in the project carries it, so a leg swap is unlikely. When the
observer sends a photo showing a white band, you change the status to "confirmed". If
neither had matched, the record stays as "not matched", with the reading exactly as
reported.</p>
"""
            ),
        ),
        (
            "protocol",
            {
                "title": "Handling an incoming resighting report",
                "steps": [
                    text(
                        """Log the report as received, unchanged, with the date it arrived and
                        any photos."""
                    ),
                    text(
                        """Check it against the database: combination, species, banding date,
                        plausibility of place and date, and the swapped-leg reading."""
                    ),
                    text(
                        """Give it a status (confirmed, probable, not matched) and write the
                        reason."""
                    ),
                    text(
                        """Reply to the observer with thanks and the bird's history, or with
                        your questions."""
                    ),
                    text(
                        """Forward metal-ring readings and recoveries of dead birds to the
                        national scheme."""
                    ),
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "ethics",
                "title": "Observers' personal data",
                "text": text(
                    """Resighting reports contain observers' names and contacts. Store them
                    securely, use them only to answer and credit the observer, and ask before
                    publishing anyone's name."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Resighting",
                "definition": text(
                    """A record of a live, marked bird whose marks were read in the field
                    without catching it."""
                ),
            },
        ),
    ],
}

COURSE = {
    "slug": "colour-banding",
    "title": "Colour banding (colour ringing)",
    "topic": "Marking and tracking",
    "level": "intermediate",
    "estimated_hours": 4,
    "languages": ["en"],
    "summary": text(
        """Permits and national banding schemes, bird welfare and handling, metal rings and
        colour bands, how a combination is written and read by leg, position and colour,
        resighting reports and the management of banding data."""
    ),
    "outcomes": [
        "Explain what a banding permit covers and name the national scheme that applies.",
        "Plan a banding session that puts the bird's welfare first and knows when to stop.",
        "Fit metal rings and colour bands correctly.",
        "Write and read a colour-band combination by leg, position and order.",
        "Avoid the common reading errors: swapped legs and confusable colours.",
        "Write a complete resighting report and check incoming reports.",
        "Keep banding and resighting data in linked, documented tables.",
    ],
    "species": ["Antigone vipio", "Grus monacha"],
    "methods": ["colour banding", "resighting", "bird handling", "data management"],
    "sources": [
        "National Bird Banding Center of China.",
        "Yamashina Institute for Ornithology, bird banding programme of the Ministry of the "
        "Environment of Japan.",
        "Bird Ringing Centre of Russia.",
        "cr-birding.org, register of colour-marking projects.",
        "CITES Appendices (cites.org) for Grus monacha and Antigone vipio.",
        "NEASPEC, Training Workshop for Young Crane Researchers in North-East Asia, "
        "Khurkh and Khuiten Nature Reserve, Mongolia, 6-8 July 2025.",
    ],
    "modules": [MODULE_PERMITS, MODULE_WELFARE, MODULE_COMBINATIONS, MODULE_RESIGHTINGS],
}
