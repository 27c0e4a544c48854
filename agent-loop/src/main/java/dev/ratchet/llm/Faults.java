package dev.ratchet.llm;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.ratchet.RatchetException;
import dev.ratchet.RetriableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.function.Supplier;

/**
 * Sorts a failed model call into "try again" (rate limits, server errors, timeouts, dropped
 * connections: a {@link RetriableException}, retried by the loop with backoff, counted in its
 * budget) and "will fail again" (bad request, wrong key, unknown model: a {@link RatchetException}
 * that says what to change). LangChain4j's own retries are off, so the loop sees every attempt.
 */
final class Faults {

  private Faults() {}

  static <T> T call(String endpoint, String model, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw classify(endpoint, model, e);
    }
  }

  static RatchetException classify(String endpoint, String model, RuntimeException e) {
    Integer status = status(e);
    String where = "the model server at " + endpoint;
    String detail = firstLine(e);
    if (e instanceof AuthenticationException || status != null && (status == 401
        || status == 403)) {
      return new RatchetException(where + " refused the credentials (HTTP " + status + "): set"
          + " the API key the server expects. " + detail, e);
    }
    if (e instanceof ModelNotFoundException || status != null && status == 404) {
      return new RatchetException(where + " does not serve model '" + model + "' (HTTP 404):"
          + " use the served name (ratchet models probe " + endpoint + " lists it). " + detail, e);
    }
    if (status != null && (status == 408 || status == 409 || status == 429 || status >= 500)) {
      return new RetriableException(where + " answered HTTP " + status + " for model '" + model
          + "': " + detail, e);
    }
    if (e instanceof InvalidRequestException || status != null && status >= 400) {
      return new RatchetException(where + " rejected the request (HTTP " + status + "): "
          + detail + ". The server may lack a feature this channel needs (tool calling needs"
          + " e.g. vLLM's --enable-auto-tool-choice and a --tool-call-parser); try another"
          + " channel.", e);
    }
    if (isTransport(e)) {
      return new RetriableException(where + " did not answer for model '" + model + "': "
          + detail, e);
    }
    return new RatchetException("calling " + where + " failed: " + detail, e);
  }

  private static Integer status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException http) {
        return http.statusCode();
      }
    }
    return null;
  }

  private static boolean isTransport(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof dev.langchain4j.exception.TimeoutException
          || t instanceof HttpTimeoutException || t instanceof ConnectException
          || t instanceof IOException
          || t instanceof dev.langchain4j.exception.RetriableException) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    message = nl < 0 ? message : message.substring(0, nl);
    return message.length() > 500 ? message.substring(0, 500) + "..." : message;
  }
}
