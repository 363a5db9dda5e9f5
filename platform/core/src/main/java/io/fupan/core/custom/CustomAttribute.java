package io.fupan.core.custom;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** A tenant's own field on leads, accounts or opportunities: typed, labelled in both languages. */
@Entity
@Table(name = "custom_attribute")
@IdClass(CustomAttribute.Key.class)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id", primaryKey = true)
public class CustomAttribute {

    public record Key(String entity, String key) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    /** The kinds a custom attribute may take. */
    public enum Type { TEXT, NUMBER, BOOLEAN, DATE, CHOICE }

    @Id
    private String entity;
    @Id
    private String key;
    private String type;
    @Column(name = "label_zh")
    private String labelZh;
    @Column(name = "label_en")
    private String labelEn;
    private String choices;

    protected CustomAttribute() {}

    public CustomAttribute(String entity, String key, Type type, String labelZh, String labelEn, String choicesJson) {
        this.entity = entity;
        this.key = key;
        this.type = type.name().toLowerCase(java.util.Locale.ROOT);
        this.labelZh = labelZh;
        this.labelEn = labelEn;
        this.choices = choicesJson;
    }

    public String entity() { return entity; }
    public String key() { return key; }
    public Type type() { return Type.valueOf(type.toUpperCase(java.util.Locale.ROOT)); }
    public String labelZh() { return labelZh; }
    public String labelEn() { return labelEn; }
    public String choicesJson() { return choices; }
}
