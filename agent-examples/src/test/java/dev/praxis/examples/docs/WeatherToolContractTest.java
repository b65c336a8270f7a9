package dev.praxis.examples.docs;

import dev.praxis.testing.contract.ToolContract;
import dev.praxis.tool.Tool;

/** docs/testing.md: the user's tool meets the contract every tool must. */
// tag::tool-contract[]
class WeatherToolContractTest extends ToolContract {

    @Override
    protected Tool tool() {
        return new WeatherTool(city -> "sunny, 21 C");
    }

    @Override
    protected String validArguments() {
        return "{\"city\": \"Paris\"}";
    }
}
// end::tool-contract[]
