package io.docfleet.worker.extraction;

import static io.docfleet.worker.extraction.EntityTypes.CASE_NUMBER;
import static io.docfleet.worker.extraction.EntityTypes.COURT;
import static io.docfleet.worker.extraction.EntityTypes.DATE;
import static io.docfleet.worker.extraction.EntityTypes.EMAIL;
import static io.docfleet.worker.extraction.EntityTypes.MONEY;
import static io.docfleet.worker.extraction.EntityTypes.ORGANIZATION;
import static io.docfleet.worker.extraction.EntityTypes.PERSON;
import static io.docfleet.worker.extraction.EntityTypes.PHONE;
import static io.docfleet.worker.extraction.EntityTypes.STATUTE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules extractor's patterns, one list for every type. Patterns are written as templates: a
 * space stands for the whitespace between words (within one line for names, amounts and numbers;
 * across one line break for courts, statutes and dates, which often wrap) and {@code <PART>} for a
 * shared piece below. A rule's {@code group} is the part of the match that is the entity.
 */
final class EntityPatterns {
  /** One pattern of one entity type. */
  record Rule(String type, Pattern pattern, int group) {}

  private static final String SP = "[ \\t]+";
  private static final String WS = "(?:[ \\t]+|[ \\t]*\\r?\\n[ \\t]*)";
  private static final Set<String> WRAPPING = Set.of(COURT, STATUTE, DATE);

  private static final String NAME = "(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?";
  private static final String CAPS_NAME = "[A-Z][A-Z'\\-]+";
  private static final String INITIAL = "[A-Z]\\.";
  private static final String WORD = "[A-Z][A-Za-z0-9'&\\-]*";
  private static final String ROLE =
      "(?:Plaintiff|Defendant|Petitioner|Respondent|Appellant|Appellee|Claimant|Debtor|Creditor"
          + "|Employee|Employer|Tenant|Landlord|Buyer|Seller|Purchaser|Borrower|Lender|Guarantor"
          + "|Licensor|Licensee|Consultant|Contractor|Client)s?";

  /**
   * Words a job title starts with, after a name ("Jane Roe, Chief Counsel") or on the next line.
   */
  private static final String JOB_TITLE =
      "(?:Chief|Director|President|Vice[ \\t]President|General[ \\t]Counsel|Managing|Senior"
          + "|Executive|Partner|Associate|Manager|Counsel|Secretary|Treasurer|Attorney|Paralegal"
          + "|Head|Founder|Chair(?:man|woman|person)?|Controller|Principal|Officer)\\b";

  /** Words a job title ends with, before a name ("its Chief Executive Officer, Jane Roe"). */
  private static final String JOB_TITLE_END =
      "(?:Officer|Director|President|Partner|Counsel|Manager|Secretary|Treasurer|Chair)";

  /** Labels a name follows on forms, letters, signature blocks and mail headers. */
  private static final String NAME_LABEL =
      "(?:Name|Attn|Attention|By|From|To|Cc|Bcc|Signed|Signature|Contact)\\.?:";

  private static final Map<String, String> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("<PERSON_NAME>", NAME + "(?:" + SP + "(?:" + INITIAL + "|" + NAME + ")){0,2}");
    PARTS.put(
        "<FULL_NAME>",
        "(?:" + NAME + SP + "(?:" + INITIAL + SP + ")?" + NAME + "|" + CAPS_NAME + SP + "(?:"
            + INITIAL + SP + ")?" + CAPS_NAME + ")");
    PARTS.put("<ROLE>", ROLE);
    PARTS.put("<JOB_TITLE>", JOB_TITLE);
    PARTS.put("<JOB_TITLE_END>", JOB_TITLE_END);
    PARTS.put("<NAME_LABEL>", NAME_LABEL);
    PARTS.put("<INITIALED_NAME>", NAME + SP + INITIAL + SP + NAME);
    PARTS.put("<ORG_WORDS>", "(?:" + WORD + SP + "(?:(?:&|and)" + SP + ")?){0,5}" + WORD);
    PARTS.put("<WORD>", WORD);
    PARTS.put(
        "<ORG_SUFFIX>",
        "(?:Inc\\.?|INC\\.?|Incorporated|LLC|L\\.L\\.C\\.|LLP|L\\.L\\.P\\.|Ltd\\.?|LTD\\.?"
            + "|Limited|Corp\\.?|CORP\\.?|Corporation|Co\\.|Company|GmbH|AG|PLC|plc|S\\.A\\."
            + "|N\\.A\\.|L\\.P\\.|LP|PLLC|P\\.L\\.L\\.C\\.|P\\.C\\.|PC)(?![A-Za-z])");
    PARTS.put(
        "<ORG_NOUN>",
        "(?:Bank|University|College|Institute|Hospital|Foundation|Trust|Association|Partners"
            + "|Group|Holdings|Fund|Agency|Authority|Commission|Department|Council|Board)");
    PARTS.put("<PLACE>", "[A-Z][a-z]+(?:" + SP + "[A-Z][a-z]+)?");
    PARTS.put("<REGION>", "(?:Northern|Southern|Eastern|Western|Middle|Central)");
    PARTS.put("<REGION_CAPS>", "(?:NORTHERN|SOUTHERN|EASTERN|WESTERN|MIDDLE|CENTRAL)");
    PARTS.put(
        "<ORDINAL>",
        "(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Federal"
            + "|D\\.C\\.)");
    PARTS.put(
        "<MONTH>",
        "(?:January|February|March|April|May|June|July|August|September|October|November"
            + "|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\."
            + "|Dec\\.)");
    PARTS.put("<DAY>", "(?:0?[1-9]|[12]\\d|3[01])");
    PARTS.put("<AMOUNT>", "(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)");
    PARTS.put("<SCALE>", "(?:" + SP + "(?:thousand|million|billion|trillion))?");
    PARTS.put("<SUB>", "(?:\\([a-zA-Z0-9]+\\))*");
    PARTS.put("<ABBR>", "(?:[A-Z][a-z]{0,5}\\.){1,2}");
    PARTS.put("<OPT_SP>", "[ \\t]*");
    PARTS.put("<ONE_SP>", "[ \\t]");
    PARTS.put("<LINE_BREAK>", "[ \\t]*\\r?\\n[ \\t]*");
    PARTS.put("<ANY_SP>", WS);
  }

  static final List<Rule> RULES =
      List.of(
          rule(
              COURT,
              "(?:United States|U\\.S\\.) (?:District|Bankruptcy) Court"
                  + "(?: for the (?:<REGION> )?District of <PLACE>)?"),
          rule(
              COURT,
              "UNITED STATES (?:DISTRICT|BANKRUPTCY) COURT"
                  + "(?: FOR THE (?:<REGION_CAPS> )?DISTRICT OF [A-Z]+(?: [A-Z]+)?)?"),
          rule(COURT, "(?:United States|U\\.S\\.) Court of Appeals(?: for the <ORDINAL> Circuit)?"),
          rule(COURT, "(?:<PLACE> )?Supreme Court(?: of (?:the )?<PLACE>)?"),
          rule(
              COURT,
              "(?:<PLACE> )?Court of (?:Appeals|Chancery)"
                  + "(?: (?:of|for) (?:the )?(?:<ORDINAL> Circuit|<PLACE>))?"),
          rule(
              COURT,
              "(?:Superior|Circuit|District|County|Family|Probate) Court of (?:the )?"
                  + "(?:State of )?<PLACE>(?:, County of <PLACE>)?"),
          rule(
              STATUTE,
              "\\b\\d{1,2} U\\.S\\.C\\.(?: A\\.)? §§?<OPT_SP>\\d+[a-z]{0,2}(?:-\\d+)?<SUB>"),
          rule(
              STATUTE,
              "\\b\\d{1,2} C\\.F\\.R\\. (?:§§?<OPT_SP>)?\\d+"
                  + "(?:\\.\\d+[a-z]?(?:-\\d+)?)?<SUB>"),
          rule(
              STATUTE,
              "\\bSection \\d+[A-Za-z]?<SUB> of the (?:[A-Z][A-Za-z]+ ){0,6}Act"
                  + "(?: of \\d{4})?"),
          rule(
              STATUTE,
              "\\b(?:<ABBR> ){1,4}(?:& (?:<ABBR> ){1,2})?(?:Code|Law|Stat\\.)"
                  + "(?: Ann\\.)? §§?<OPT_SP>\\d+(?:\\.\\d+)*[a-z]?<SUB>"),
          rule(STATUTE, "\\bFed\\. R\\. (?:Civ|Crim|App|Evid|Bankr)\\.(?: P\\.)? \\d+<SUB>"),
          rule(CASE_NUMBER, "\\b\\d{1,2}:\\d{2}-[a-zA-Z]{2,4}-\\d{3,6}(?:-[A-Z]{2,4})*\\b"),
          rule(CASE_NUMBER, "\\b(?:CV|CR|CIV|CRIM|BK|AP|DR|FL|PR|MC)-\\d{2,4}-\\d{3,8}\\b"),
          // "No." alone or after a court word, never after another word ("Invoice No.").
          rule(
              CASE_NUMBER,
              "(?:\\b(?:Case|Docket|Cause|Appeal|Index|Action) "
                  + "|(?<![A-Za-z]<ONE_SP>|[A-Za-z]))Nos?\\.<OPT_SP>(\\d{2,4}-\\d{1,8}(?:-[A-Z0-9]+)?)\\b",
              1),
          rule(MONEY, "(?:US\\$|\\$|€|£)<OPT_SP><AMOUNT><SCALE>"),
          rule(MONEY, "\\b(?:USD|EUR|GBP|CAD|AUD|CHF|JPY)<OPT_SP><AMOUNT><SCALE>"),
          rule(MONEY, "(?<![\\d.,])<AMOUNT><SCALE> (?:dollars|euros|pounds|USD|EUR|GBP)\\b"),
          rule(DATE, "\\b<MONTH>(?![a-z]) <DAY>(?:st|nd|rd|th)?,? \\d{4}\\b"),
          rule(DATE, "\\b<DAY>(?:st|nd|rd|th)? (?:day of )?<MONTH>,? \\d{4}\\b"),
          rule(DATE, "\\b\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])\\b"),
          rule(DATE, "\\b<DAY>([/.])<DAY>\\1\\d{4}\\b"),
          rule(EMAIL, "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"),
          rule(
              PHONE,
              "(?<![\\w+-])(?:\\+1[\\x20.-]?)?(?:\\(\\d{3}\\)\\x20?|\\d{3}[\\x20.-])"
                  + "\\d{3}[\\x20.-]\\d{4}(?![\\w-])"),
          rule(PHONE, "(?<![\\w+-])\\+[2-9]\\d{0,2}(?:[\\x20.-]\\d{1,4}){2,4}(?![\\w-])"),
          rule(ORGANIZATION, "<ORG_WORDS>,? <ORG_SUFFIX>"),
          rule(ORGANIZATION, "(?:<WORD> ){1,4}<ORG_NOUN>\\b"),
          rule(
              ORGANIZATION,
              "\\b(?:Bank|University|College|Institute) of (?:the )?<PLACE>" + "(?:, N\\.A\\.)?"),
          rule(ORGANIZATION, "\\b(?:City|Town|Village|Borough|Township|County) of <PLACE>\\b"),
          rule(PERSON, "\\b(?:Mr|Mrs|Ms|Dr|Prof)\\.? (<PERSON_NAME>)", 1),
          rule(
              PERSON,
              "\\b(?:(?:The )?Honorable|Hon\\.|Magistrate Judge|Judge|Justice)"
                  + " (<PERSON_NAME>)",
              1),
          // a rank may end one line and the name start the next ("Officer\nKevin Brennan")
          rule(PERSON, "\\b(?:Officer|Detective|Sergeant|Deputy)<ANY_SP>(<FULL_NAME>)\\b", 1),
          rule(PERSON, "\\b<INITIALED_NAME>\\b"),
          rule(PERSON, "(?:^|(?<=\\s))<NAME_LABEL><OPT_SP>(?:/s/<OPT_SP>)?(<FULL_NAME>)\\b", 1),
          rule(PERSON, "(?:^|(?<=\\s))/s/<OPT_SP>(<FULL_NAME>)\\b", 1),
          rule(PERSON, "\\b(<FULL_NAME>)<OPT_SP><[^<>\\s@]+@[^<>\\s]+>", 1),
          rule(PERSON, "\\b(<FULL_NAME>), (?:(?:its|our|their|the) )?<JOB_TITLE>", 1),
          rule(PERSON, "\\b<JOB_TITLE_END>, (<FULL_NAME>)\\b", 1),
          rule(PERSON, "(?m)^<OPT_SP>(<FULL_NAME>)<LINE_BREAK><JOB_TITLE>", 1),
          rule(PERSON, "\\b<ROLE>,? (<FULL_NAME>)\\b", 1),
          rule(
              PERSON,
              "\\b(<FULL_NAME>),? (?:an individual|as <ROLE>"
                  + "|\\((?:the )?[\"“]?<ROLE>[\"”]?\\)|(?:the )?<ROLE>\\b)",
              1));

  private EntityPatterns() {}

  private static Rule rule(String type, String template) {
    return rule(type, template, 0);
  }

  private static Rule rule(String type, String template, int group) {
    String regex = template.replace(" ", WRAPPING.contains(type) ? WS : SP);
    for (Map.Entry<String, String> part : PARTS.entrySet()) {
      regex = regex.replace(part.getKey(), part.getValue());
    }
    return new Rule(type, Pattern.compile(regex), group);
  }
}
