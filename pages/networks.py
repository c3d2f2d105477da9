"""Networks: a small MLP trained on 2-D data with mini-batches (course part
001): the curves with early stopping, the decision boundary at any step, ℓ2
against decoupled weight decay, and what the initialisation does."""

from ui import networks, networks_sections, networks_sidebar, networks_views, state

lang = state.lang()
networks.read_url()
settings = networks_sidebar.sidebar(lang)
networks_views.title(settings, lang)
networks.show_notices(lang)
runs = networks_views.train_runs(settings, lang)  # cached; says when it compiles
if runs is not None:
    networks_views.curves_and_boundary(settings, runs, lang)
    networks.toggles(settings, lang)
    if settings.compare_decay:
        networks_sections.decay_section(settings, runs, lang)
    if settings.compare_inits:
        networks_sections.init_section(settings, lang)
networks_sections.notes(lang)
