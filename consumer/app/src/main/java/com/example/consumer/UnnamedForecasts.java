package com.example.consumer;

import dev.langchain4j.agent.tool.Tool;

/** A tool written as a quick start might show it: compiled here without -parameters. */
public class UnnamedForecasts {

    @Tool("The weather forecast for a city")
    public String forecast(String city, int days) {
        return "rain in " + city;
    }
}
