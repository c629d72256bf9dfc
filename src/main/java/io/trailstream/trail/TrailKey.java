package io.trailstream.trail;

/**
 * What a key says about its object: kind, optional prefix, Organization, account, region and delivery
 * date. Fields the key does not hold are null. A Flink POJO, carried with the object it describes.
 */
public class TrailKey {
    public ObjectKind kind = ObjectKind.OTHER;
    /** Key prefix before {@code AWSLogs/}, without trailing slash; null when the key starts at AWSLogs. */
    public String prefix;
    /** AWS Organization id ({@code o-…}) for Organization trails, else null. */
    public String organizationId;
    /** The 12-digit account id segment, else null. */
    public String accountId;

    public String region;
    /** Delivery date as {@code yyyy-MM-dd} from the key's date folders, else null. */
    public String deliveryDate;

    public TrailKey() {}

    @Override
    public String toString() {
        return kind + "{prefix=" + prefix + ", org=" + organizationId + ", account=" + accountId + ", region=" + region
                + ", date=" + deliveryDate + "}";
    }
}
