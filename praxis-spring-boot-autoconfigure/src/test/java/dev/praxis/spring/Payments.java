package dev.praxis.spring;

import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tool bean for the tests: a read-only lookup and an external payment that needs a person. */
public class Payments {

    private final List<String> paid = new CopyOnWriteArrayList<>();

    @Tool("The balance of an account, in euros")
    @SideEffects(SideEffect.READ_ONLY)
    public String balance(String account) {
        return account + ": 120 EUR";
    }

    @Tool("Pays an invoice")
    @SideEffects(SideEffect.EXTERNAL)
    public String pay(String invoice) {
        paid.add(invoice);
        return "paid " + invoice;
    }

    /** The invoices paid so far. */
    public List<String> paid() {
        return List.copyOf(paid);
    }
}
