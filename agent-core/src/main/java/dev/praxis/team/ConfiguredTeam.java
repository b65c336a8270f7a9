package dev.praxis.team;

/** What every team class shares: its {@link TeamSetup}, which names it. */
abstract class ConfiguredTeam implements Team {

    final TeamSetup setup;

    ConfiguredTeam(TeamSetup setup) {
        this.setup = setup;
    }

    @Override
    public final String name() {
        return setup.name();
    }

    /** Adds this team's structure to {@code diagram} and returns where it is entered and left. */
    abstract MermaidDiagram.Ports describe(MermaidDiagram diagram);
}
