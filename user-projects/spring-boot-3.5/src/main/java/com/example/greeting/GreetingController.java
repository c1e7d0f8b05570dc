package com.example.greeting;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /greet?name=...} on Spring MVC's port: the greeting with the salutation in force now. */
@RestController
public class GreetingController {

    private final FriendlyGreeter greeter;

    public GreetingController(FriendlyGreeter greeter) {
        this.greeter = greeter;
    }

    @GetMapping("/greet")
    public String greet(@RequestParam String name) {
        return greeter.greet(name);
    }
}
