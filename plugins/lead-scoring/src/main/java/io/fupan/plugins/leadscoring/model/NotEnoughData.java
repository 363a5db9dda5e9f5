package io.fupan.plugins.leadscoring.model;

/** Training refused: too few closed leads of a class for an honest model and validation. */
public final class NotEnoughData extends Exception {

    private final int positives;
    private final int negatives;
    private final int minPositives;
    private final int minNegatives;

    public NotEnoughData(int positives, int negatives, int minPositives, int minNegatives) {
        super("Training needs at least " + minPositives + " converted and " + minNegatives
                + " disqualified leads; the tenant has " + positives + " converted and " + negatives + " disqualified.");
        this.positives = positives;
        this.negatives = negatives;
        this.minPositives = minPositives;
        this.minNegatives = minNegatives;
    }

    public int positives() { return positives; }
    public int negatives() { return negatives; }
    public int minPositives() { return minPositives; }
    public int minNegatives() { return minNegatives; }
}
