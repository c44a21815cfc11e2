package firstrefusal.page;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.wire.WireText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The decision record as CSV for finance and legal: one row per decision with the terms it was made on, written
 * by Commons CSV (RFC 4180 quoting). A cell that a spreadsheet would run as a formula (it begins with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) is prefixed with {@code '}.
 */
final class DecisionCsv implements AutoCloseable {

    static final String[] HEADER = {"decidedAt", "offerId", "revision", "provider", "status", "rule", "reason",
        "firstRefusalDeadline", "policyVersion", "gpus", "megawatts", "region", "workload", "startDate", "termMonths",
        "pricePerGpuHourUsd", "validUntil", "receivedAt", "recordedAt"};

    private final StringBuilder out = new StringBuilder();
    private final CSVPrinter printer;

    DecisionCsv() {
        try {
            printer = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(HistoryEntry entry) {
        Decision d = entry.decision();
        CapacityOffer o = entry.offer();
        List<String> row = new ArrayList<>(List.of(text(d.decidedAt()), d.offerId(), Integer.toString(d.revision()),
                d.provider(), d.status().name(), d.rule().name(), WireText.reason(d.reason()), text(d.firstRefusalDeadline()), d.policyVersion()));
        row.addAll(List.of(Long.toString(o.gpus()), plain(o.megawatts()), o.region(), o.workload().name(),
                o.startDate().toString(), Integer.toString(o.termMonths()), plain(o.pricePerGpuHourUsd()), text(o.validUntil()),
                text(o.receivedAt())));
        row.add(text(d.recordedAt()));
        try {
            printer.printRecord(row.stream().map(DecisionCsv::neutralised).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Characters written so far, to stop before a response grows past what Lambda can return. */
    int length() {
        return out.length();
    }

    String text() {
        return out.toString();
    }

    @Override
    public void close() {
        try {
            printer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String neutralised(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    /** To the second, {@code Z}: a spreadsheet reads it as a time (with nanoseconds it stays text). */
    private static String text(Instant instant) {
        return instant == null ? "" : WireText.instant(instant);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
