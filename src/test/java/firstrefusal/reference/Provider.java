package firstrefusal.reference;

/** A provider the agreement lists; an offer from any other is refused (SPEC §2). */
public record Provider(String id, String name, Kind kind) {}
