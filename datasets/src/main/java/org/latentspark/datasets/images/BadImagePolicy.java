package org.latentspark.datasets.images;

/** What an image source does with an input it cannot decode. */
public enum BadImagePolicy {
    /** Stop with a UserInputException naming the bad file or record. */
    FAIL,
    /** Drop the record and count it in {@link ImageSource#skipped()}. */
    SKIP
}
