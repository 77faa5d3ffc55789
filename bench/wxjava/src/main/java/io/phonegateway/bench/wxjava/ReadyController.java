package io.phonegateway.bench.wxjava;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /ready: 200 once the application has started, for bench/run's start-to-ready poll. */
@RestController
class ReadyController {

    @GetMapping("/ready")
    String ready() {
        return "ok";
    }
}
