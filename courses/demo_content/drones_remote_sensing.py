"""Flagship course 3: drones and remote sensing for waterbird monitoring."""

from courses.demo_content._util import text

BLACK_FACED_SPOONBILL = {
    "common_names": {
        "en": "Black-faced Spoonbill",
        "zh": "黑脸琵鹭",
        "ja": "クロツラヘラサギ",
        "ko": "저어새",
        "mn": "Хар нүүрт халбаган хошуут",
        "ru": "Малая колпица",
    },
    "scientific_name": "Platalea minor",
    "status": "EN",
    "identification": text(
        """White spoonbill with a long, flat black bill widening to a spoon at the tip; the
        black bare skin of the face meets the bill broadly and surrounds the eye. Breeding
        adults show a yellowish breast patch and crest. Separated from the larger Eurasian
        Spoonbill by the black face reaching round the eye. Status: Endangered on the IUCN
        Red List (check the current assessment before quoting it)."""
    ),
}

MODULE_RULES = {
    "slug": "flight-rules-and-permits",
    "title": "Flight rules, protected-area permits and planning within the law",
    "summary": text(
        """What national aviation rules usually require, why protected areas and border
        zones need their own permission, and how to prepare the paperwork for a survey
        flight."""
    ),
    "estimated_minutes": 35,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>A drone is an aircraft</h2>
<p>In every country of the region, a drone (an unmanned aircraft system, UAS) is regulated
by the civil aviation authority, and the rules change often. A survey that was legal last
year may need a new registration, a new pilot certificate or a different permission today.
Read the current rules before every season, from the authority itself, not from a forum:</p>
<ul>
<li><strong>China:</strong> the Civil Aviation Administration of China (CAAC) and the State
Council's Interim Regulations on the Flight Management of Unmanned Aircraft, in force since
1 January 2024.</li>
<li><strong>Japan:</strong> the Civil Aviation Bureau of the Ministry of Land,
Infrastructure, Transport and Tourism (MLIT) under the Civil Aeronautics Act; drones of 100 g
or more must be registered.</li>
<li><strong>Republic of Korea:</strong> the Ministry of Land, Infrastructure and Transport
and the regional aviation offices; flights near the Demilitarised Zone, close to crane
wintering areas such as the Cheorwon basin, are tightly restricted.</li>
<li><strong>Mongolia:</strong> the Civil Aviation Authority of Mongolia.</li>
<li><strong>Russia:</strong> the Federal Air Transport Agency (Rosaviatsia) and the air
traffic management authorities; border zones need separate permission.</li>
</ul>
<h2>What the rules usually cover</h2>
<p>Details differ, but most regimes regulate the same things, and your flight plan should
answer each of them:</p>
<ul>
<li><strong>Registration</strong> of the aircraft and marking it with its number.</li>
<li><strong>Pilot competence:</strong> a licence or certificate for some weights and types of
operation.</li>
<li><strong>Where you may fly:</strong> not near airports, military or border areas, or over
crowds, without permission.</li>
<li><strong>How you may fly:</strong> a maximum height above ground, flying within visual line
of sight (VLOS), in daylight, and away from people and property.</li>
<li><strong>Insurance</strong> against damage to third parties, required in some countries and
wise everywhere.</li>
</ul>
<h2>Protected areas and landowners</h2>
<p>Aviation permission is not permission to fly in a nature reserve. Most reserves that hold
cranes and spoonbills restrict or forbid drone flights, and some restrict them only in the
breeding or wintering season. Ask the reserve administration in writing, well in advance,
and explain the purpose, the dates, the flight plan and how you will limit disturbance. If
you fly over farmland or fish ponds, inform the owners and the village authorities: a drone
over someone's land without warning damages trust that a project may need for years.</p>
<h2>The permit file</h2>
<p>Keep one folder, on paper and on your phone, with: the aircraft registration, the pilot's
certificate, the aviation permission if needed, the reserve's permission, insurance, the
flight plan and a map of the area, and the contact numbers of the reserve rangers and the
local police or border post. Rangers and border guards will ask; showing a complete file
at once saves the day's flying.</p>
<h2>The flight log</h2>
<p>Keep a log of every flight: date, site, pilot and observer, aircraft and battery,
take-off and landing times and positions, height, weather, the flight plan used, and every
reaction of the birds. Authorities may ask for it, and it is the evidence your project needs
to show that its flights are safe for the birds. Over a season it also tells you how much
flying a site really takes.</p>
<h2>People in the images</h2>
<p>Survey images can show people, houses, vehicles and number plates. Tell local people
before you fly, store the images securely, blur or crop people out of any image you publish,
and follow your country's personal-data rules. Images of military or border installations
may be illegal to take or keep: if your flight line passes near them, ask before flying.</p>
"""
            ),
        ),
        (
            "callout",
            {
                "kind": "permits",
                "title": "Two permissions, not one",
                "text": text(
                    """A flight over a crane or spoonbill site usually needs both the aviation
                    authority's permission (or compliance with its general rules) and the
                    protected-area administration's written permission. One does not replace
                    the other."""
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "safety",
                "title": "Before every flight",
                "text": text(
                    """Check wind, temperature and battery state; cold shortens battery life
                    sharply, so keep batteries warm and land with a reserve. Check for other
                    aircraft, power lines and people, and agree who watches the aircraft while
                    the pilot watches the screen."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "VLOS",
                "definition": text(
                    """Visual line of sight: the pilot, or an observer beside them, can see the
                    aircraft with the naked eye throughout the flight."""
                ),
            },
        ),
    ],
}

MODULE_DISTURBANCE = {
    "slug": "disturbance-and-safe-approach",
    "title": "Disturbance and safe approach to waterbirds",
    "summary": text(
        """How birds react to drones, what the published experiments suggest for take-off
        distance, approach and height, how to read early signs of disturbance, and when to
        abort."""
    ),
    "estimated_minutes": 40,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Why disturbance matters</h2>
<p>A drone can count a flock more accurately than an observer on the ground, but only if the
flight itself does not change what it measures. Flushing a roost wastes the birds' energy in
winter, exposes eggs and chicks to cold and predators in the breeding season, and may make
the birds abandon a site. Disturbance is also a bias: a flock that has started to walk away
is harder to count and may split.</p>
<h2>What the experiments suggest</h2>
<p>Field experiments and reviews give consistent, practical advice, although responses differ
between species, seasons and sites:</p>
<ul>
<li>Vas and colleagues (2015, <em>Biology Letters</em>) approached flocks of waterbirds with a
small multirotor and found that the speed, colour and repeated approaches had little effect
in their trials, while <strong>vertical approaches from directly above</strong> caused more
reactions than approaches at an angle. They recommended taking off at least 100 m from the
birds.</li>
<li>Reviews of drone disturbance (for example Mulero-Pazmany and colleagues, 2017,
<em>PLoS ONE</em>) found that responses vary between species groups, seasons and aircraft
types, and that aircraft that look like a raptor in shape or flight pattern may cause more
alarm.</li>
<li>Hodgson and Koh (2016, <em>Current Biology</em>) set out a code of best practice:
fly with a clear purpose, use the smallest and quietest suitable aircraft, keep flights short,
watch the animals throughout, and stop if they are disturbed.</li>
</ul>
<p>Treat published distances as a starting point, not a guarantee: cranes on a roost in
winter, spoonbills on a breeding islet and feeding flocks on farmland may react very
differently. Large birds of prey may also attack a drone; land if an eagle approaches.</p>
<h2>A safe approach</h2>
<ol>
<li>Take off and land out of sight of the birds, at least 100 m away, behind a dyke or a
vehicle.</li>
<li>Climb to survey height <strong>before</strong> flying towards the birds.</li>
<li>Approach at constant, moderate speed and at an angle, never by descending straight down
onto the flock.</li>
<li>Fly the survey pattern at a fixed height; do not stop and hover over the flock or descend
for a "better picture".</li>
<li>Leave the way you came and land away from the birds.</li>
</ol>
<h2>Reading the birds</h2>
<p>A second person watches the birds through binoculars throughout the flight and calls out
their behaviour. Early signs are heads raised and turned towards the drone, alarm calls, and
birds stopping feeding. Stronger signs are walking or swimming away, bunching, and the first
birds taking off. Agree beforehand that the observer can end the flight: when the first
birds walk away or any bird flushes, the pilot climbs and leaves at once. Record every
reaction on the flight log, so that the project learns what heights are safe at that
site.</p>
<h2>Seasons</h2>
<p>Avoid flying over breeding colonies and nests unless the project's permits and ethics
review specifically allow it, and never in cold, wet or very hot weather when eggs or
chicks left uncovered can die within minutes. For spoonbill breeding islets, counts of
nests from a distance with a telescope, or very high flights agreed with the colony's
monitoring team, are usually preferable.</p>
"""
            ),
        ),
        ("species_card", BLACK_FACED_SPOONBILL),
        (
            "glossary",
            {
                "term": "Flush",
                "definition": text(
                    """To make birds take flight. Flushing is the strongest common reaction to a
                    disturbance and should end a survey flight at once."""
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "ethics",
                "title": "The observer can stop the flight",
                "text": text(
                    """Agree before take-off that the person watching the birds can end the
                    flight with one word, and that the pilot obeys without discussion. No image
                    is worth flushing a roost or a breeding colony."""
                ),
            },
        ),
        (
            "protocol",
            {
                "title": "Abort criteria (agree them before take-off)",
                "steps": [
                    "Any bird takes off in response to the drone.",
                    "Birds walk or swim away from the drone, or bunch together.",
                    "Repeated alarm calls, or adults leave nests or chicks.",
                    "A bird of prey approaches the aircraft.",
                    "Wind, battery or visibility fall below the limits in the flight plan.",
                ],
            },
        ),
    ],
}

MODULE_PLANNING = {
    "slug": "flight-planning",
    "title": "Flight planning: height, ground sampling distance and overlap",
    "summary": text(
        """How to choose a flight height from the detail you need, calculate the ground
        sampling distance and photo footprint, and set transect spacing and overlap for a
        mapping or counting flight."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Start from the question</h2>
<p>Decide first what the images must show. Counting cranes on open ground needs far less
detail than telling juveniles from adults, and mapping reed beds needs less detail still but
a much larger area. The detail of an image is described by its <strong>ground sampling
distance</strong> (GSD): the width of ground covered by one pixel. Choose the largest GSD
(the highest flight) that still answers the question, because higher flights cover more area
per battery and disturb less.</p>
<h2>Calculating the GSD</h2>
<p>For a camera pointing straight down:</p>
<p><strong>GSD (cm per pixel) = sensor width (mm) x flight height (m) x 100 / (focal length
(mm) x image width (pixels))</strong></p>
<p>The photo's footprint on the ground is the GSD times the image width (and height) in
pixels.</p>
<h3>Worked example</h3>
<p>A camera has a sensor 13.2 mm wide, a lens of 8.8 mm focal length and images 5472 x 3648
pixels. At 60 m above ground:</p>
<ul>
<li>GSD = 13.2 x 60 x 100 / (8.8 x 5472) = 79 200 / 48 154 = about 1.6 cm per pixel.</li>
<li>Footprint = 1.645 cm x 5472 = about 90 m across, and 1.645 cm x 3648 = about 60 m along
the flight line (with the long side of the image across the track).</li>
</ul>
<p>A crane standing on open ground is then many pixels long; the same camera at 120 m would
give about 3.3 cm per pixel and cover four times the area per photo.</p>
<h2>Overlap and transect spacing</h2>
<p>A survey area is covered by parallel flight lines, a "lawnmower" pattern. Consecutive
photos along a line overlap (<strong>front overlap</strong>) and neighbouring lines overlap
(<strong>side overlap</strong>). Stitching images into an <em>orthomosaic</em> needs high
overlap; photogrammetry software makers commonly recommend in the region of 75-80 % front
and 60-70 % side overlap for general mapping, and more over uniform surfaces such as water
and reed beds, where the software finds few features to match.</p>
<ul>
<li>Line spacing = footprint width x (1 - side overlap). With 90 m footprints and 70 % side
overlap: 90 x 0.3 = 27 m between lines.</li>
<li>Distance between photos = footprint length x (1 - front overlap). With 60 m and 80 %:
60 x 0.2 = 12 m; at 5 m/s, one photo every 2.4 seconds.</li>
</ul>
<p>For a count without a mosaic, lower overlap is enough, but then every bird in the overlap
zone must be counted in one image only.</p>
<h3>Worked example: how many batteries?</h3>
<p>The area is 1000 m long and 500 m wide, and lines run along its length 27 m apart, as
above. The width needs 500 / 27 = 18.5, rounded up to 19 spaces between lines, so 20 lines;
add one line outside each edge so that the edges of the mosaic are well covered: 22 lines.
That is 22 km of lines plus the turns; at 5 m/s, 22 000 / 5 = 4400 seconds, or about 73
minutes of survey flying before transit and reserve. Read the usable
flight time of your own batteries in cold weather from your flight logs, not from the
brochure, and plan the area as several blocks, one block per battery, each ending with the
aircraft near the take-off point.</p>
<h2>Other settings</h2>
<ul>
<li>Fly lines <strong>across the wind</strong> where possible, so that speed and attitude stay
constant; over water, avoid the sun's reflection by flying in the morning or late afternoon,
or with the camera slightly tilted for counting flights.</li>
<li>Use a fast shutter speed (motion blur ruins counts), and fix focus and exposure for the
whole flight.</li>
<li>Place the take-off point away from the birds and plan lines so that the drone does not
pass directly over a roost twice.</li>
<li>For mapping, lay out ground control points, marked targets measured with an accurate
GNSS receiver, so that the mosaic can be placed accurately on the map.</li>
</ul>
"""
            ),
        ),
        (
            "figure",
            {
                "svg": "courses/img/drone-flight-pattern.svg",
                "caption": text(
                    """A lawnmower flight pattern: parallel lines with side overlap between
                    neighbouring lines and front overlap between consecutive photos; the side
                    view shows flight height and the photo footprint."""
                ),
                "credit": "Flyway Academy",
            },
        ),
        (
            "glossary",
            {
                "term": "Ground sampling distance (GSD)",
                "definition": text(
                    """The distance on the ground between the centres of two neighbouring
                    pixels, usually given in centimetres per pixel. Smaller GSD means finer
                    detail."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Orthomosaic",
                "definition": text(
                    """A single map-accurate image stitched from many overlapping photographs
                    and corrected for terrain and camera tilt."""
                ),
            },
        ),
    ],
}

MODULE_IMAGERY = {
    "slug": "counting-and-habitat-mapping",
    "title": "Counting birds from imagery and mapping habitat from drone and satellite images",
    "summary": text(
        """How to count birds on drone images without double counts, when automated detection
        helps, and how satellite and drone imagery are used to map water and vegetation."""
    ),
    "estimated_minutes": 45,
    "blocks": [
        (
            "rich_text",
            text(
                """
<h2>Counting from drone images</h2>
<p>Controlled experiments have shown that counts from drone images can be more accurate and
more precise than counts by observers on the ground (Hodgson and colleagues, 2018,
<em>Methods in Ecology and Evolution</em>, using replica seabird colonies of known size).
That advantage is lost if the images are counted carelessly.</p>
<ul>
<li><strong>Count on the orthomosaic, or on a set of images that do not overlap.</strong>
Counting every raw photo counts the same birds two or three times.</li>
<li><strong>Birds move between photos.</strong> A flock that walks during the flight can
appear twice or vanish in the mosaic. Short flights and fast lines reduce this; note any
movement seen by the ground observer.</li>
<li><strong>Mark, do not tally.</strong> Put a point on every bird with a counting tool
(QGIS point layers, ImageJ/Fiji's multi-point tool or DotDotGoose) so that the count can be
checked and repeated. Save the points with the image.</li>
<li><strong>Double-count a sample.</strong> Have a second person count a random set of image
tiles independently; report the difference.</li>
</ul>
<p>At fine GSD, age classes can sometimes be recognised on images, for example the buff
heads of juvenile cranes, but check this against ground observations of the same flock before
reporting juvenile ratios from imagery.</p>
<h2>Automated detection</h2>
<p>Machine-learning detectors can find birds on thousands of images quickly. They still
need people: someone must annotate training images, and the detector's counts must be
checked against manual counts on images it has not seen. Report the detector's error, and
expect it to be worse on new sites, new light and new species mixtures.</p>
<h2>Habitat mapping from satellites</h2>
<p>Satellites show changes that no field team can follow alone: a lake shrinking over a dry
decade, fields replacing a marsh, a new solar farm beside a roost.</p>
<ul>
<li><strong>Sentinel-2</strong> (European Space Agency, Copernicus programme): free
multispectral images with 10 m pixels in the visible and near-infrared bands, taken every
few days.</li>
<li><strong>Landsat 8 and 9</strong> (NASA and the United States Geological Survey): free
images with 30 m pixels and an archive that goes back to the 1980s with earlier Landsat
missions, ideal for long-term change.</li>
<li><strong>Sentinel-1</strong>: radar images that see through cloud and at night, useful for
mapping open water in cloudy seasons.</li>
</ul>
<p>Simple indices computed from the bands separate water and vegetation: the Normalised
Difference Vegetation Index, NDVI = (NIR - Red) / (NIR + Red), is high for green vegetation;
the Normalised Difference Water Index, NDWI = (Green - NIR) / (Green + NIR) (McFeeters 1996),
is high for open water. Free tools such as QGIS and Google Earth Engine compute them.</p>
<h2>Classification and ground truth</h2>
<p>A habitat map classifies every pixel: open water, shallow water, mudflat, reed bed, wet
meadow, cropland, and so on. Supervised classification learns the classes from
<strong>training points</strong> that you collect in the field with GPS and photographs. A
second, independent set of field points is kept for the <strong>accuracy assessment</strong>:
a confusion matrix comparing the map with the ground, reported with overall accuracy and the
accuracy of each class. A map without an accuracy assessment is a picture, not data.</p>
<p>Drone orthomosaics fill the gap between field plots and satellites: centimetre detail over
a few square kilometres, for example to map the extent of shallow water at a roost or the
vegetation of a spoonbill feeding pond, and to check the satellite classification.</p>
"""
            ),
        ),
        (
            "protocol",
            {
                "title": "From flight to count",
                "steps": [
                    text(
                        """Copy the images and the flight log to two drives on the day of the
                        flight; note the flight's height, time and any disturbance."""
                    ),
                    "Build the orthomosaic, or choose a set of images without overlap.",
                    text(
                        """Divide the area into tiles and mark every bird with a point,
                        tile by tile, noting the species where it can be seen."""
                    ),
                    text(
                        """Have a second person count a random sample of tiles independently
                        and compare."""
                    ),
                    text(
                        """Report the count with the method, the GSD, the date and time, and
                        the difference between the two counters."""
                    ),
                ],
            },
        ),
        (
            "glossary",
            {
                "term": "NDWI",
                "definition": text(
                    """Normalised Difference Water Index, (Green - NIR) / (Green + NIR): high
                    values indicate open water."""
                ),
            },
        ),
        (
            "glossary",
            {
                "term": "Accuracy assessment",
                "definition": text(
                    """Comparison of a classified map with independent ground-truth points,
                    usually as a confusion matrix with overall and per-class accuracy."""
                ),
            },
        ),
    ],
}

COURSE = {
    "slug": "drones-remote-sensing",
    "title": "Drones and remote sensing for waterbird monitoring",
    "topic": "Remote sensing",
    "level": "intermediate",
    "estimated_hours": 4,
    "languages": ["en"],
    "summary": text(
        """Fly legally and without disturbing the birds, plan survey flights from the ground
        sampling distance and overlap you need, count birds on drone images without double
        counts, and map wetland habitat from satellite and drone imagery."""
    ),
    "outcomes": [
        "Identify the aviation and protected-area permissions a survey flight needs.",
        "Plan a take-off, approach and abort criteria that limit disturbance.",
        "Calculate ground sampling distance, photo footprint and transect spacing.",
        "Count birds on an orthomosaic or non-overlapping images, with a second counter.",
        "Choose satellite imagery and indices to map water and vegetation.",
        "Collect ground-truth points and report a habitat map's accuracy.",
    ],
    "species": ["Platalea minor", "Antigone vipio", "Grus monacha"],
    "methods": ["drone survey", "remote sensing", "habitat mapping", "image counting"],
    "sources": [
        "Vas, E. et al. (2015) Approaching birds with drones: first experiments and ethical "
        "guidelines. Biology Letters.",
        "Hodgson, J.C. and Koh, L.P. (2016) Best practice for minimising unmanned aerial "
        "vehicle disturbance to wildlife in biological field research. Current Biology.",
        "Mulero-Pazmany, M. et al. (2017) Unmanned aircraft systems as a new source of "
        "disturbance for wildlife: a systematic review. PLoS ONE.",
        "Hodgson, J.C. et al. (2018) Drones count wildlife more accurately and precisely "
        "than humans. Methods in Ecology and Evolution.",
        "McFeeters, S.K. (1996) The use of the Normalized Difference Water Index (NDWI) in "
        "the delineation of open water features. International Journal of Remote Sensing.",
        "European Space Agency, Copernicus Sentinel-1 and Sentinel-2 missions.",
        "Photogrammetry software documentation on image overlap (for example Pix4D's "
        "guidance on image acquisition plans).",
        "NASA and USGS, Landsat 8 and 9 missions.",
        "IUCN Red List of Threatened Species, species account for Platalea minor.",
    ],
    "modules": [MODULE_RULES, MODULE_DISTURBANCE, MODULE_PLANNING, MODULE_IMAGERY],
}
