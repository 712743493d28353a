package dev.scriptexecuter.transfer.boundary;

import java.util.List;

/**
 * What an import did, or (dry run) would do, script by script. Nothing is
 * written unless every script can be imported ({@code applied}).
 */
public record ImportReport(boolean dryRun, boolean applied, String conflicts, List<Item> items) {

    /**
     * @param action        created, renamed, overwritten, skipped or invalid
     * @param importedAs    the name it has (or would have) here
     * @param secretsToSet  secret variables it had, whose values the export does not carry: set them here
     */
    public record Item(String name, String action, String importedAs, String scriptId, String detail,
                       List<String> secretsToSet) {
    }
}
