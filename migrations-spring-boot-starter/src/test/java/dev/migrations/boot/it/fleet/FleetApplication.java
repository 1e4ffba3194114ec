package dev.migrations.boot.it.fleet;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A web application with two DataSources, neither primary, and not a line of Java about migrations:
 * {@code migrations.datasources.*} declares both ({@link FleetDataSources}, {@link FleetReaders}).
 */
@SpringBootApplication
@EnableScheduling
public class FleetApplication {}
