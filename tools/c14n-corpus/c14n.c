/*
 * Exclusive XML Canonicalization 1.0 of a file, or of a subtree of it, through libxml2.
 *
 * `xmllint --exc-c14n` always keeps comments and always canonicalizes the whole document;
 * this program calls the same libxml2 function (xmlC14NExecute) with the choices xmllint does
 * not offer, so that the expected outputs of the okta-auth canonicalization corpus all come
 * from libxml2.
 *
 *   c14n [--with-comments] [--prefixes "xs #default"] [--apex NAME] [--exclude NAME] FILE
 *
 * --apex NAME     the subset is the first element (document order) whose local name is NAME,
 *                 with its attributes, namespace nodes and descendants
 * --exclude NAME  minus the first element below the apex whose local name is NAME, and all
 *                 of its subtree (the enveloped-signature transform)
 * --prefixes LIST the InclusiveNamespaces PrefixList, tokens separated by spaces
 *
 * Writes the canonical form to standard output; exits 1 when libxml2 fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>

struct selection {
    xmlNodePtr apex;
    xmlNodePtr exclude;
};

static xmlNodePtr find_element(xmlNodePtr node, const char *local) {
    for (; node != NULL; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (strcmp((const char *)node->name, local) == 0) {
            return node;
        }
        xmlNodePtr found = find_element(node->children, local);
        if (found != NULL) {
            return found;
        }
    }
    return NULL;
}

static int within(xmlNodePtr node, xmlNodePtr ancestor) {
    for (; node != NULL; node = node->parent) {
        if (node == ancestor) {
            return 1;
        }
    }
    return 0;
}

/* libxml2 asks about every node; a namespace node comes with the element that owns it. */
static int is_visible(void *data, xmlNodePtr node, xmlNodePtr parent) {
    const struct selection *selection = data;
    xmlNodePtr owner = node;
    if (node == NULL || node->type == XML_NAMESPACE_DECL) {
        owner = parent;
    }
    if (owner == NULL) {
        return 0;
    }
    if (selection->apex != NULL && !within(owner, selection->apex)) {
        return 0;
    }
    if (selection->exclude != NULL && within(owner, selection->exclude)) {
        return 0;
    }
    return 1;
}

static int write_stdout(void *context, const char *buffer, int len) {
    (void)context;
    return (int)fwrite(buffer, 1, (size_t)len, stdout);
}

int main(int argc, char **argv) {
    int with_comments = 0;
    const char *prefixes = NULL;
    const char *apex_name = NULL;
    const char *exclude_name = NULL;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--with-comments") == 0) {
            with_comments = 1;
        } else if (strcmp(argv[i], "--prefixes") == 0 && i + 1 < argc) {
            prefixes = argv[++i];
        } else if (strcmp(argv[i], "--apex") == 0 && i + 1 < argc) {
            apex_name = argv[++i];
        } else if (strcmp(argv[i], "--exclude") == 0 && i + 1 < argc) {
            exclude_name = argv[++i];
        } else if (file == NULL) {
            file = argv[i];
        } else {
            fprintf(stderr, "unexpected argument %s\n", argv[i]);
            return 2;
        }
    }
    if (file == NULL) {
        fprintf(stderr,
                "usage: c14n [--with-comments] [--prefixes LIST] [--apex NAME] "
                "[--exclude NAME] FILE\n");
        return 2;
    }

    /* The options xmllint uses for canonicalization. */
    xmlDocPtr doc = xmlReadFile(file, NULL, XML_PARSE_NOENT | XML_PARSE_DTDATTR | XML_PARSE_DTDLOAD);
    if (doc == NULL) {
        fprintf(stderr, "%s: not parsed\n", file);
        return 1;
    }

    struct selection selection = {NULL, NULL};
    if (apex_name != NULL) {
        selection.apex = find_element(xmlDocGetRootElement(doc), apex_name);
        if (selection.apex == NULL) {
            fprintf(stderr, "%s: no element %s\n", file, apex_name);
            return 2;
        }
    }
    if (exclude_name != NULL) {
        xmlNodePtr below = selection.apex != NULL ? selection.apex->children
                                                  : xmlDocGetRootElement(doc);
        selection.exclude = find_element(below, exclude_name);
        if (selection.exclude == NULL) {
            fprintf(stderr, "%s: no element %s to exclude\n", file, exclude_name);
            return 2;
        }
    }

    xmlChar *tokens[64] = {NULL};
    char *list = NULL;
    if (prefixes != NULL) {
        list = strdup(prefixes);
        int count = 0;
        for (char *token = strtok(list, " "); token != NULL && count < 63;
             token = strtok(NULL, " ")) {
            tokens[count++] = (xmlChar *)token;
        }
    }

    xmlOutputBufferPtr out = xmlOutputBufferCreateIO(write_stdout, NULL, NULL, NULL);
    int written = xmlC14NExecute(doc, is_visible, &selection, XML_C14N_EXCLUSIVE_1_0,
                                 prefixes != NULL ? tokens : NULL, with_comments, out);
    xmlOutputBufferClose(out);
    free(list);
    xmlFreeDoc(doc);
    if (written < 0) {
        fprintf(stderr, "%s: canonicalization failed\n", file);
        return 1;
    }
    return 0;
}
