package firstrefusal.page;

/** A request the page cannot answer as asked: answered 400, naming the parameter at fault. */
final class BadRequest extends RuntimeException {

    BadRequest(String parameter, String problem) {
        super(parameter + ": " + problem);
    }
}
