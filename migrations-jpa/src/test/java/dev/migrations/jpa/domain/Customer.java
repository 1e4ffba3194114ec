package dev.migrations.jpa.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;

/** A customer: identity id, unique email, an index, a string enum, and its orders. */
@Entity
@Table(
        name = "customers",
        uniqueConstraints = @UniqueConstraint(name = "uk_customers_email", columnNames = "email"),
        indexes = @Index(name = "ix_customers_last_name", columnList = "last_name"))
public class Customer {
    /** Account states, stored by name. */
    public enum Status {
        ACTIVE,
        BLOCKED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false, length = 200)
    String email;

    String lastName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status;

    @OneToMany(mappedBy = "customer")
    List<PurchaseOrder> orders = new ArrayList<>();
}
