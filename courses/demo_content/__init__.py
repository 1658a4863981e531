"""The flagship courses of BRIEF section 5, as plain Python data.

Each module holds one ``COURSE`` dict; ``COURSES`` lists them in catalogue order. The
courses app's demo loader turns them into pages (see courses/demo.py). Figures refer to
shipped drawings under static/courses/img/.
"""

from courses.demo_content import (
    colour_banding,
    conservation_planning,
    crane_data_analysis,
    crane_surveys,
    drones_remote_sensing,
    wetland_assessment,
)

COURSES = [
    crane_surveys.COURSE,
    colour_banding.COURSE,
    drones_remote_sensing.COURSE,
    wetland_assessment.COURSE,
    crane_data_analysis.COURSE,
    conservation_planning.COURSE,
]
