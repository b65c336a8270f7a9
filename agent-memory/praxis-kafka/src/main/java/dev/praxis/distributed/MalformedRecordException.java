package dev.praxis.distributed;

/**
 * A record on the requests topic is not a run request or decision this version understands:
 * not JSON, a missing or mistyped field, an unknown type. Workers dead-letter such records
 * with this message as the reason and carry on.
 */
public class MalformedRecordException extends DistributedException {

    private static final long serialVersionUID = 1L;

    /** A record that cannot be read, and why. */
    public MalformedRecordException(String message) {
        super(message);
    }
}
