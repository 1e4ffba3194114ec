package dev.migrations.boot.it.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** A tiny web application with a scheduled worker, started by the integration tests. */
@SpringBootApplication
@EnableScheduling
public class ItApplication {}
