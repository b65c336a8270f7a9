package com.example.consumer;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import java.util.ArrayList;
import java.util.List;

/** The user's own tool, its parameters named with @P as a build without -parameters needs. */
public class Forecasts {

    final List<String> asked = new ArrayList<>();

    @Tool("The weather forecast for a city")
    public String forecast(@P(name = "city", value = "the city") String city,
                           @P(name = "days", value = "how many days ahead") int days) {
        asked.add(city + "/" + days);
        return "rain in " + city + " for " + days + " days";
    }
}
