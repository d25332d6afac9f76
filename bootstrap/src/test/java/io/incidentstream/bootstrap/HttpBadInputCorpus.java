package io.incidentstream.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * The generated HTTP corpus: every request of {@link HttpDocumentCorpus}, {@link HttpFieldTypeCorpus},
 * {@link HttpFieldValueCorpus}, {@link HttpBodyCorpus} and {@link HttpRequestCorpus}.
 */
final class HttpBadInputCorpus {

    private HttpBadInputCorpus() {}

    static List<HttpCase> all() {
        List<HttpCase> cases = new ArrayList<>();
        HttpDocumentCorpus.validBaselines(cases);
        HttpDocumentCorpus.truncations(cases);
        HttpFieldTypeCorpus.wrongTypes(cases);
        HttpFieldTypeCorpus.missingFields(cases);
        HttpFieldValueCorpus.unknownValues(cases);
        HttpFieldValueCorpus.badUuids(cases);
        HttpFieldValueCorpus.numbers(cases);
        HttpDocumentCorpus.nesting(cases);
        HttpDocumentCorpus.lengths(cases);
        HttpDocumentCorpus.controlCharacters(cases);
        HttpBodyCorpus.encodings(cases);
        HttpBodyCorpus.emptyAndScalars(cases);
        HttpBodyCorpus.contentTypes(cases);
        HttpBodyCorpus.duplicatesAndGarbage(cases);
        HttpDocumentCorpus.wrongShapes(cases);
        HttpDocumentCorpus.batches(cases);
        HttpBodyCorpus.sizes(cases);
        HttpRequestCorpus.queries(cases);
        HttpRequestCorpus.methodsAndPaths(cases);
        HttpRequestCorpus.credentials(cases);
        return cases;
    }
}
