package firstrefusal.adapters.in;

import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.wire.MessageJson;
import firstrefusal.wire.WireJson;

/**
 * The decide handler's own reading of one message body. A reference run that replays what the handler
 * was sent must read it the same way: the wire normalises numbers (2.10 arrives as 2.1).
 */
public final class WireParsing {

    private WireParsing() {
    }

    public static OfferMessage read(String body) {
        return MessageJson.read(WireJson.parse(body, "body"));
    }
}
