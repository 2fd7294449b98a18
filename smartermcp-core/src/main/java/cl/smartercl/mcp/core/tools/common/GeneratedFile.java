package cl.smartercl.mcp.core.tools.common;

/** One generated source file. */
public record GeneratedFile(String path, String content) {
}
