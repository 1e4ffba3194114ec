package dev.migrations.boot.it.observed;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare web application with Actuator and Prometheus, for the observability integration tests. */
@SpringBootApplication
public class ObservedApplication {}
