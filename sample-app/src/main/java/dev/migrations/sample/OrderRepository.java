package dev.migrations.sample;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Orders over JdbcTemplate; Spring Boot creates the JdbcTemplate after the start-up migration. */
@Repository
public class OrderRepository {
    private static final String COLUMNS = "id, customer, status, total_cents, created_at, processed_at";

    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every order, oldest first. */
    public List<Order> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM orders ORDER BY id", OrderRepository::order);
    }

    /** Stores a new order and returns it as stored. */
    public Order create(NewOrder order) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var st = connection.prepareStatement(
                            "INSERT INTO orders (customer, total_cents) VALUES (?, ?)", new String[] {"id"});
                    st.setString(1, order.customer());
                    st.setLong(2, order.totalCents());
                    return st;
                },
                keys);
        Number id = keys.getKey();
        if (id == null) {
            throw new IllegalStateException("The database returned no id for the new order");
        }
        return jdbc.queryForObject(
                "SELECT " + COLUMNS + " FROM orders WHERE id = ?", OrderRepository::order, id.longValue());
    }

    /**
     * Marks up to {@code limit} pending orders processed, oldest first, and records an event for each;
     * returns how many this call processed. The conditional update lets several workers (or
     * instances) run at once: each order is processed once.
     */
    @Transactional
    public int processPending(int limit) {
        List<Long> ids = jdbc.queryForList(
                "SELECT id FROM orders WHERE status = 'PENDING' ORDER BY id FETCH FIRST ? ROWS ONLY",
                Long.class,
                limit);
        int processed = 0;
        for (long id : ids) {
            int updated = jdbc.update(
                    "UPDATE orders SET status = 'PROCESSED', processed_at = CURRENT_TIMESTAMP"
                            + " WHERE id = ? AND status = 'PENDING'",
                    id);
            if (updated == 1) {
                jdbc.update("INSERT INTO order_events (order_id, kind) VALUES (?, 'PROCESSED')", id);
                processed++;
            }
        }
        return processed;
    }

    /** The kinds of events recorded for an order, oldest first. */
    public List<String> events(long orderId) {
        return jdbc.queryForList("SELECT kind FROM order_events WHERE order_id = ? ORDER BY id", String.class, orderId);
    }

    private static Order order(ResultSet rs, int row) throws SQLException {
        return new Order(
                rs.getLong("id"),
                rs.getString("customer"),
                rs.getString("status"),
                rs.getLong("total_cents"),
                rs.getObject("created_at", LocalDateTime.class),
                rs.getObject("processed_at", LocalDateTime.class));
    }
}
