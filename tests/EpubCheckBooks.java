import com.adobe.epubcheck.tool.EpubChecker;

/**
 * EPUBCheck for several books in one Java process (its command line takes
 * one book; starting Java and loading its schemas is most of its time):
 * arguments are pairs of a book and the file its JSON report goes to.
 * Used by tests/test_minifesto_editions.py; exits with the worst status.
 */
public class EpubCheckBooks {
    public static void main(String[] arguments) {
        int worst = 0;
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            String[] command = {arguments[i], "-q", "--json", arguments[i + 1]};
            worst = Math.max(worst, new EpubChecker().run(command));
        }
        System.exit(worst);
    }
}
