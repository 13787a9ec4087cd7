package org.backstop.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server that {@code backstop serve} starts. It owns the Javalin app; features add
 * themselves as {@link Routes}, so pages, delisting and administration plug in beside the JSON API
 * without touching this class.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  /** The largest request body: a report carries one message of at most 10 MB, plus slack. */
  public static final long MAX_REQUEST_BYTES = 11L * 1024 * 1024;

  /** A group of routes that installs itself on the app. */
  @FunctionalInterface
  public interface Routes {
    void register(Javalin app);
  }

  private final Javalin app;

  public WebServer(List<Routes> routes) {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.maxRequestSize = MAX_REQUEST_BYTES;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.jetty.modifyServer(
                  server -> {
                    // Bounded pool (Javalin's default is bounded too); name it for thread dumps.
                    if (server.getThreadPool()
                        instanceof org.eclipse.jetty.util.thread.QueuedThreadPool q) {
                      q.setName("web");
                    }
                  });
            });
    for (Routes r : routes) {
      r.register(app);
    }
  }

  /** Starts listening; port 0 picks a free port, see {@link #port}. */
  public WebServer start(String host, int port) {
    app.start(host, port);
    log.info("web server listening on {}:{}", host, app.port());
    return this;
  }

  public int port() {
    return app.port();
  }

  public Javalin app() {
    return app;
  }

  @Override
  public void close() {
    app.stop();
  }
}
