"""The loss landscape of a small net, drawn as Li et al. (NeurIPS 2018) do:
a random filter-normalised plane through the trained weights, the paths on
their PCA plane, the line from the initial to the trained weights, and a
small-batch minimum against a large-batch one (course notes 001, 002)."""

from ui import landscape, state
from ui import landscape_sections as sections
from ui.landscape_paths import paths
from ui.landscape_sharp import sharp_flat
from ui.landscape_sidebar import sidebar

lang = state.lang()
landscape.read_url(lang)
settings = sidebar(lang)
sections.header(settings, lang)
sections.train_all(settings, lang)  # says "compiling" where a loop is new
sections.random_plane(settings, lang)
paths(settings, lang)
sharp_flat(settings, lang)
sections.summary(settings, lang)
