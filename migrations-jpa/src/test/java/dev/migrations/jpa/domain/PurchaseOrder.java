package dev.migrations.jpa.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** An order: sequence id, a foreign key to its customer, an ordinal enum, a decimal and an index. */
@Entity
@Table(name = "purchase_orders", indexes = @Index(name = "ix_purchase_orders_placed_at", columnList = "placed_at"))
public class PurchaseOrder {
    /** Stored by ordinal. */
    public enum Priority {
        LOW,
        NORMAL,
        HIGH
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_seq")
    @SequenceGenerator(name = "order_seq", sequenceName = "order_seq", allocationSize = 10)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "customer_id", nullable = false)
    Customer customer;

    @Enumerated(EnumType.ORDINAL)
    Priority priority;

    @Column(precision = 12, scale = 2)
    BigDecimal total;

    Instant placedAt;
}
