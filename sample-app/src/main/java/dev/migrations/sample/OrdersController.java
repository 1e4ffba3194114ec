package dev.migrations.sample;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders} lists orders; {@code POST /orders} takes one. */
@RestController
@RequestMapping("/orders")
public class OrdersController {
    private final OrderRepository orders;

    public OrdersController(OrderRepository orders) {
        this.orders = orders;
    }

    @GetMapping
    public List<Order> list() {
        return orders.findAll();
    }

    @PostMapping
    public ResponseEntity<Order> create(@RequestBody NewOrder order) {
        Order created = orders.create(order);
        return ResponseEntity.created(URI.create("/orders/" + created.id())).body(created);
    }
}
