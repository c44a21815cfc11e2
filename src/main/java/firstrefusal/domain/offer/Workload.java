package firstrefusal.domain.offer;

/** What the capacity would serve. API workloads stay exclusive to the holder. */
public enum Workload {
    API, PRODUCT, TRAINING, RESEARCH
}
